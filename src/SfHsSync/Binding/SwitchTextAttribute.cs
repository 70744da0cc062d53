using System.Management.Automation;

namespace SfHsSync.Binding;

/// <summary>
/// Lets a switch bound by property name take the text a CSV cell holds: true/false, yes/no, 1/0, or blank (false).
/// PowerShell refuses strings for switches, and "False" must never turn the switch on. Other text is passed through,
/// so PowerShell's own binding error names it.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SwitchTextAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is not string text)
        {
            return inputData;
        }

        return text.Trim().ToUpperInvariant() switch
        {
            "" or "FALSE" or "NO" or "0" or "$FALSE" => new SwitchParameter(false),
            "TRUE" or "YES" or "1" or "$TRUE" => new SwitchParameter(true),
            _ => inputData,
        };
    }
}
