using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Commands.Completion;

/// <summary>The names Tab offers from the connected org's describe and the connected account's schemas, cached per connection.</summary>
internal static class ConnectedSchemas
{
    public static IReadOnlyList<CompletionCandidate> SalesforceObjects(SalesforceConnection connection)
        => CompletionCache.Get(connection, "salesforce objects", async () =>
        {
            using var client = new SalesforceClient(connection);
            var objects = await client.DescribeGlobalAsync().ConfigureAwait(false);
            return objects.Select(o => new CompletionCandidate(o.Name, $"{o.Label} ({o.Name})")).ToList();
        });

    public static IReadOnlyList<CompletionCandidate> SalesforceFields(SalesforceConnection connection, string objectName)
        => CompletionCache.Get(connection, "salesforce fields of " + objectName, async () =>
        {
            using var client = new SalesforceClient(connection);
            var description = await client.DescribeAsync(objectName).ConfigureAwait(false);
            return description.Fields.Select(f => new CompletionCandidate(f.Name, $"{f.Label} ({f.Type})")).ToList();
        });

    public static IReadOnlyList<CompletionCandidate> HubSpotObjects(HubSpotConnection connection)
        => CompletionCache.Get(connection, "hubspot objects", async () =>
        {
            using var client = new HubSpotClient(connection);
            var schemas = await client.GetSchemasAsync().ConfigureAwait(false);
            var custom = schemas.SelectMany(s => new[] { s.FullyQualifiedName ?? s.Name, s.Name }.Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(name => new CompletionCandidate(name, $"custom object {s.Name} ({s.ObjectTypeId})")));
            var standard = HubSpotClient.StandardObjectNames.Select(name => new CompletionCandidate(name, $"standard object {name}"));
            return custom.Concat(standard).ToList();
        });

    public static IReadOnlyList<CompletionCandidate> HubSpotProperties(HubSpotConnection connection, string objectType)
        => CompletionCache.Get(connection, "hubspot properties of " + objectType, async () =>
        {
            using var client = new HubSpotClient(connection);
            var schema = await client.GetSchemaAsync(objectType).ConfigureAwait(false);
            return schema.Properties.Select(p => new CompletionCandidate(p.Name, $"{p.Label} ({p.Type})")).ToList();
        });
}
