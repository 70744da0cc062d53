using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Sync.Reading;

/// <summary>Versions of Salesforce records read within the commit lag, so a pass knows a record it reads again.</summary>
internal static class SalesforceSeenVersion
{
    /// <summary>
    /// The version of a Salesforce record as read: its change stamp and a hash of every field read, so a second edit
    /// stamped within the same instant (Salesforce stamps to the second) is not taken for the version already seen.
    /// </summary>
    public static string Of(MappingRuntime runtime, SalesforceRecord record, long stamp)
    {
        var text = new System.Text.StringBuilder();
        foreach (var field in runtime.SalesforceFields)
        {
            text.Append(field).Append('=').Append(record[field]).Append('\u001f');
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        return stamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + Convert.ToHexString(hash, 0, 8);
    }
}
