using System.Management.Automation;

namespace SfHsSync.Binding;

/// <summary>
/// Treats a blank value (an empty cell of Import-Csv, or only spaces) as "not given", so an optional column left
/// empty in a spreadsheet takes the default instead of failing to convert to an enum.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BlankAsNullAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        => (inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is string text && string.IsNullOrWhiteSpace(text) ? null : inputData;
}
