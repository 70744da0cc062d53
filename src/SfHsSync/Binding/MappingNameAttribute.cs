using System.Management.Automation;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Binding;

/// <summary>Lets a parameter that names a mapping take the mapping itself: <c>-Via $accounts</c> means <c>-Via $accounts.Name</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MappingNameAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        => (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) switch
        {
            SyncMapping mapping => mapping.Name,
            _ => inputData,
        };
}
