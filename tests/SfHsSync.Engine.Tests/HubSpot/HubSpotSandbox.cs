using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Sandbox;
using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

/// <summary>
/// The sandbox hosted in-process with an empty account plus an invoices custom object shaped like the Demo one
/// (a required property, a unique-value property, numbers, an enumeration, a calculated property, associations to
/// companies and contacts), and a client on it.
/// </summary>
internal sealed class HubSpotSandbox : IAsyncDisposable
{
    public const string Invoices = "p12345678_invoices";

    private const string InvoicesSchema = """
        {
          "name": "invoices",
          "labels": { "singular": "Invoice", "plural": "Invoices" },
          "primaryDisplayProperty": "invoice_number",
          "requiredProperties": [ "invoice_number" ],
          "searchableProperties": [ "invoice_number", "salesforce_id" ],
          "associatedObjects": [ "COMPANY", "CONTACT" ],
          "properties": [
            { "name": "invoice_number", "label": "Invoice number", "type": "string", "fieldType": "text" },
            { "name": "amount", "label": "Amount", "type": "number", "fieldType": "number" },
            { "name": "due_date", "label": "Due date", "type": "date", "fieldType": "date" },
            { "name": "status", "label": "Status", "type": "enumeration", "fieldType": "select",
              "options": [ { "label": "Draft", "value": "Draft" }, { "label": "Sent", "value": "Sent" }, { "label": "Paid", "value": "Paid" } ] },
            { "name": "total_with_tax", "label": "Total with tax", "type": "number", "fieldType": "calculation_equation", "calculationFormula": "amount * 2" },
            { "name": "salesforce_id", "label": "Salesforce record Id", "type": "string", "fieldType": "text", "hasUniqueValue": true }
          ]
        }
        """;

    private HubSpotSandbox(SandboxServer server, string invoicesTypeId)
    {
        Server = server;
        InvoicesTypeId = invoicesTypeId;
    }

    public SandboxServer Server { get; }

    public HubSpotAccount Account => Server.HubSpot;

    public string InvoicesTypeId { get; }

    public HubSpotConnection Connection(Uri? baseUrl = null)
        => new(baseUrl ?? Server.HubSpotUrl, SecretText.ToSecureString(Account.DefaultAccessToken));

    public HubSpotClient Client(HubSpotClientOptions? options = null, Uri? baseUrl = null)
        => new(Connection(baseUrl), options ?? Fast);

    /// <summary>Short back-offs so fault tests do not wait as long as a real run would; pacing as in production.</summary>
    public static HubSpotClientOptions Fast { get; } = new()
    {
        LockedBackoff = TimeSpan.FromMilliseconds(20),
        TransientBackoff = TimeSpan.FromMilliseconds(20),
        SecondlyLimitBackoff = TimeSpan.FromMilliseconds(200),
    };

    public static async Task<HubSpotSandbox> StartAsync(Action<HubSpotSandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { Seed = "Empty" };
        configure?.Invoke(options.HubSpot);
        var server = await SandboxServer.StartAsync(options);
        try
        {
            var typeId = server.HubSpot.CreateSchema(InvoicesSchema);
            return new HubSpotSandbox(server, typeId);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls the sandbox answered with this method and route template.</summary>
    public int Calls(string method, string template) => Account.CountRequests(method, template);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
