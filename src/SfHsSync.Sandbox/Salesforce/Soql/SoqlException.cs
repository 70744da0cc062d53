namespace SfHsSync.Sandbox.Salesforce.Soql;

/// <summary>A query Salesforce would refuse: MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE and kin, answered as a 400.</summary>
public sealed class SoqlException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;

    public static SoqlException Malformed(string message) => new("MALFORMED_QUERY", message);
}
