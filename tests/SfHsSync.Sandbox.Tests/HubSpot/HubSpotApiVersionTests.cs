using System.Net;
using System.Text.Json.Nodes;
using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Sandbox.Tests.HubSpot;

/// <summary>
/// The dated 2026-09 paths beside the numbered ones, from one account state; the retired answer when only 2026-09 is
/// served; 2026-09's shapes (batch errors in the same body, void association batches) and admin validation rules.
/// </summary>
public sealed class HubSpotApiVersionTests
{
    private static readonly JsonArray Rules = new(
        new JsonObject { ["objectType"] = "invoices", ["property"] = "billing_email", ["requiredWhen"] = new JsonObject { ["property"] = "status", ["values"] = new JsonArray("Sent") } },
        new JsonObject { ["objectType"] = "invoices", ["property"] = "notes", ["requiredOnCreate"] = true });

    [Fact]
    public async Task A_record_written_on_a_v3_path_is_read_on_the_2026_09_path_and_the_other_way_round()
    {
        await using var server = await HubSpotTestServer.StartAsync();
        var created = (await server.PostAsync("/crm/v3/objects/p12345678_invoices", new { properties = new { invoice_number = "INV-1" } })).Expect(HttpStatusCode.Created).Json;
        var id = (string)created["id"]!;

        var read = (await server.GetAsync($"/crm/objects/2026-09/p12345678_invoices/{id}?properties=invoice_number")).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("INV-1", (string?)read["properties"]!["invoice_number"]);
        (await server.PatchAsync($"/crm/objects/2026-09/p12345678_invoices/{id}", new { properties = new { invoice_number = "INV-2" } })).Expect(HttpStatusCode.OK);
        Assert.Equal("INV-2", (string?)(await server.GetAsync($"/crm/v3/objects/p12345678_invoices/{id}?properties=invoice_number")).Json["properties"]!["invoice_number"]);
        Assert.Equal(
            (await server.GetAsync("/crm-object-schemas/v3/schemas")).Json["results"]!.ToJsonString(),
            (await server.GetAsync("/crm-object-schemas/2026-09/schemas")).Expect(HttpStatusCode.OK).Json["results"]!.ToJsonString());
    }

    [Fact]
    public async Task Serving_only_2026_09_answers_the_numbered_paths_as_a_retired_API_does()
    {
        await using var server = await HubSpotTestServer.StartAsync(configure: o => o.ApiVersions = [HubSpotApiVersions.September2026]);

        var retired = (await server.GetAsync("/crm/v3/objects/p12345678_invoices")).Expect(HttpStatusCode.NotFound).Json;
        Assert.Equal("OBJECT_NOT_FOUND", (string?)retired["category"]);
        Assert.Contains("retired API version (v3)", (string?)retired["message"], StringComparison.Ordinal);
        (await server.PostAsync("/crm/v4/associations/p12345678_invoices/companies/batch/read", new { inputs = Array.Empty<object>() })).Expect(HttpStatusCode.NotFound);
        (await server.GetAsync("/crm/objects/2026-03/p12345678_invoices")).Expect(HttpStatusCode.NotFound);
        (await server.GetAsync("/crm/objects/2026-09/p12345678_invoices")).Expect(HttpStatusCode.OK);
        Assert.Equal("2026-09", server.Account.NewestApiVersion);
    }

    [Fact]
    public async Task Under_2026_09_a_batch_with_failed_inputs_keeps_its_success_status_with_the_errors_in_its_body()
    {
        await using var server = await HubSpotTestServer.StartAsync();
        var body = new { inputs = new object[] { new { properties = new { invoice_number = "A" } }, new { properties = new { amount = "not a number" } } } };

        var numbered = await server.PostAsync("/crm/v3/objects/p12345678_invoices/batch/create", body);
        var dated = await server.PostAsync("/crm/objects/2026-09/p12345678_invoices/batch/create", body);

        Assert.Equal((HttpStatusCode)207, numbered.Status);
        Assert.Equal(HttpStatusCode.Created, dated.Status);
        Assert.Equal(1, (int)dated.Json["numErrors"]!);
        Assert.Single(dated.Json["results"]!.AsArray());
        var archive = new { inputs = new[] { new { from = new { id = "1" }, to = new[] { new { id = "2" } } } } };
        Assert.Equal(HttpStatusCode.NoContent, (await server.PostAsync("/crm/v4/associations/p12345678_invoices/companies/batch/archive", archive)).Status);
        Assert.Equal("COMPLETE", (string?)(await server.PostAsync("/crm/associations/2026-09/p12345678_invoices/companies/batch/archive", archive)).Expect(HttpStatusCode.OK).Json["status"]);
    }

    [Fact]
    public async Task Seeded_admin_rules_refuse_2026_09_writes_with_VALIDATION_ERROR_and_leave_v3_writes_alone()
    {
        await using var server = await HubSpotTestServer.StartAsync(SeedWithRules());
        var sentWithoutEmail = new { properties = new { invoice_number = "INV-1", status = "Sent", notes = "n" } };

        var refused = (await server.PostAsync("/crm/objects/2026-09/p12345678_invoices", sentWithoutEmail)).Expect(HttpStatusCode.BadRequest).Json;
        Assert.Equal("VALIDATION_ERROR", (string?)refused["category"]);
        Assert.Contains("billing_email is required when status is Sent", (string?)refused["message"], StringComparison.Ordinal);
        Assert.Equal(HubSpotAdminRule.ConditionallyRequired, (string?)refused["errors"]![0]!["code"]);

        var onCreate = (await server.PostAsync("/crm/objects/2026-09/p12345678_invoices", new { properties = new { invoice_number = "INV-2" } })).Expect(HttpStatusCode.BadRequest).Json;
        Assert.Equal(HubSpotAdminRule.RequiredOnCreate, (string?)onCreate["errors"]![0]!["code"]);

        // v3 writes predate the rules; an update need not carry what is required on create.
        var id = (string)(await server.PostAsync("/crm/v3/objects/p12345678_invoices", sentWithoutEmail)).Expect(HttpStatusCode.Created).Json["id"]!;
        var draft = new { properties = new { status = "Draft" } };
        (await server.PatchAsync($"/crm/objects/2026-09/p12345678_invoices/{id}", draft)).Expect(HttpStatusCode.OK);
        var batch = (await server.PostAsync("/crm/objects/2026-09/p12345678_invoices/batch/update", new { inputs = new[] { new { id, properties = new { status = "Sent" } } } })).Expect(HttpStatusCode.OK).Json;
        Assert.Equal(1, (int)batch["numErrors"]!);
        Assert.Equal("VALIDATION_ERROR", (string?)batch["errors"]![0]!["category"]);
    }

    [Fact]
    public async Task A_write_answer_echoes_the_properties_written()
    {
        await using var server = await HubSpotTestServer.StartAsync();

        var created = (await server.PostAsync("/crm/objects/2026-09/p12345678_invoices", new { properties = new { invoice_number = "INV-9", amount = "12.5", billing_email = "a@b.example" } })).Json;
        var batch = (await server.PostAsync("/crm/v3/objects/p12345678_invoices/batch/update", new { inputs = new[] { new { id = (string)created["id"]!, properties = new { amount = "13" } } } })).Json;

        Assert.Equal(("INV-9", "12.5", "a@b.example"), ((string?)created["properties"]!["invoice_number"], (string?)created["properties"]!["amount"], (string?)created["properties"]!["billing_email"]));
        Assert.Equal("13", (string?)batch["results"]![0]!["properties"]!["amount"]);
    }

    [Fact]
    public async Task The_legacy_v2_properties_path_lists_the_same_properties_as_a_bare_array()
    {
        await using var server = await HubSpotTestServer.StartAsync();

        var legacy = (await server.GetAsync("/properties/v2/companies/properties")).Expect(HttpStatusCode.OK).Json.AsArray();
        var current = (await server.GetAsync("/crm/properties/2026-09/companies")).Json["results"]!.AsArray();

        Assert.Equal(current.Select(p => (string?)p!["name"]), legacy.Select(p => (string?)p!["name"]));
        var name = legacy.Single(p => (string?)p!["name"] == "name")!;
        Assert.Equal(("string", "text"), ((string?)name["type"], (string?)name["fieldType"]));
        Assert.True(name["createdAt"]!.GetValue<long>() > 0);
        Assert.False(name["readOnlyValue"]!.GetValue<bool>());
        (await server.GetAsync("/properties/v2/nothing_here/properties")).Expect(HttpStatusCode.BadRequest);
    }

    private static string SeedWithRules()
    {
        var seed = JsonNode.Parse(SandboxSeed.DemoText(), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        var hubSpot = seed["hubspot"]!.AsObject();
        hubSpot["validationRules"] = Rules.DeepClone();
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-hubspot-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, seed.ToJsonString());
        return path;
    }
}
