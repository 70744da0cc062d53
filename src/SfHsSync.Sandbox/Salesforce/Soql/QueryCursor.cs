using SfHsSync.Sandbox.Salesforce.Data;

namespace SfHsSync.Sandbox.Salesforce.Soql;

/// <summary>
/// An open query: the records it matched when it ran (immutable snapshots) and its page size.
/// Pages are read by offset, so <c>nextRecordsUrl</c> is <c>.../query/&lt;locator&gt;-&lt;offset&gt;</c>.
/// </summary>
internal sealed record QueryCursor(string Locator, SoqlQuery Query, IReadOnlyList<SObjectRecord> Rows, int BatchSize);
