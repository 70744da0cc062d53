namespace SfHsSync.Engine.Mapping;

/// <summary>Which side's value stays when a two-way field changed on both sides since the last sync.</summary>
public enum ConflictWinner
{
    Salesforce,
    HubSpot,
}
