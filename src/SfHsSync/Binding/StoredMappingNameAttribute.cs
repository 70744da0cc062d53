using System.Collections;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Binding;

/// <summary>
/// Lets -Mapping take a mapping's name (typed, or bound by property name from Get-SyncError, Get-SyncRun or
/// Get-SyncImport): the name becomes a stand-in the command replaces with the definition the state keeps
/// (<see cref="Engine.State.StoredMapping"/>) once -State is known. Mappings themselves pass through unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class StoredMappingNameAttribute : ArgumentTransformationAttribute
{
    private static readonly ConditionalWeakTable<SyncMapping, string> StandIns = new();

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            string name => new[] { StandIn(name) },
            SyncMapping => inputData,
            IEnumerable items => items.Cast<object?>().Select(Item).ToArray(),
            _ => inputData,
        };
    }

    /// <summary>The name a stand-in was made for; false for a real mapping.</summary>
    public static bool IsStandIn(SyncMapping mapping, out string name)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (StandIns.TryGetValue(mapping, out var found))
        {
            name = found;
            return true;
        }

        name = string.Empty;
        return false;
    }

    private static object? Item(object? item)
        => (item is PSObject wrapped ? wrapped.BaseObject : item) switch
        {
            string name => StandIn(name),
            var other => other,
        };

    private static SyncMapping StandIn(string name)
    {
        // A mapping of the name only (its objects are never read): the command looks the definition up in the state.
        var standIn = new SyncMapping(name.Trim(), "StandIn__c", "stand_in");
        StandIns.AddOrUpdate(standIn, standIn.Name);
        return standIn;
    }
}
