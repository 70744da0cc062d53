namespace SfHsSync.Engine.Import;

/// <summary>Which Salesforce API an import reads its records with.</summary>
public enum ImportReadMethod
{
    /// <summary>REST query pages of up to 2,000 records.</summary>
    Rest,

    /// <summary>A Bulk API 2.0 query job, its results read in CSV pages.</summary>
    Bulk,
}
