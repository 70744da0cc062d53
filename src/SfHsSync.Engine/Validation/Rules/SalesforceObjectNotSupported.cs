using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>SF003: the Salesforce object is a custom object or one of the supported standard objects (<see cref="SupportedObjects"/>).</summary>
public sealed class SalesforceObjectNotSupported : MappingRule
{
    public SalesforceObjectNotSupported()
        : base("SF003", nameof(SalesforceObjectNotSupported), DiagnosticSeverity.Error, "The Salesforce object is a custom object (__c) or one of the supported standard objects.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.SalesforceSummary is not { } summary || SupportedObjects.IsSupported(summary.Name, summary.Custom))
        {
            yield break;
        }

        var supported = $"one of the {SupportedObjects.StandardObjects.Count} standard objects HubSpot's custom object sync supports (listed in {SupportedObjects.ListDocument} and Get-Help about_SfHsSync)";
        if (summary.Custom)
        {
            yield return Report(
                check,
                summary.Name,
                $"'{summary.Name}' is a custom type but not a custom object (its name does not end in {SupportedObjects.CustomObjectSuffix}): custom metadata, platform events, big objects and external objects hold no records a sync can keep.",
                $"Map a custom object (Name{SupportedObjects.CustomObjectSuffix}) or {supported}.");
            yield break;
        }

        var message = SupportedObjects.NativelySynced.TryGetValue(summary.Name, out var hubSpotObject)
            ? $"The standard object '{summary.Name}' syncs with HubSpot {hubSpotObject} through HubSpot's own Salesforce object sync, not as a custom object mapping."
            : $"The standard object '{summary.Name}' is not one HubSpot's custom object sync supports.";
        var nearest = SupportedObjects.Nearest(summary.Name) is { } near ? $"Did you mean '{near}'? Otherwise map" : "Map";
        yield return Report(check, summary.Name, message, $"{nearest} a custom object, or {supported}.");
    }
}
