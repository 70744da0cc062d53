using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.HubSpot;

public sealed class HubSpotObjectTests
{
    private const string Invoices = "/crm/v3/objects/p12345678_invoices";

    [Fact]
    public async Task Create_returns_201_with_normalized_string_values_and_system_properties()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var created = (await hs.PostAsync(Invoices, new
        {
            properties = new Dictionary<string, string>
            {
                ["invoice_number"] = "INV-0001",
                ["amount"] = "17.50",
                ["due_date"] = "1740787200000",
                ["sent_at"] = "2025-03-01T10:15:00+01:00",
                ["paid"] = "TRUE",
                ["channels"] = "Email;Mail",
                ["salesforce_id"] = "a01000000000001AAA",
            },
        })).Expect(HttpStatusCode.Created);

        OpenApiContract.AssertValid("objects.json", "SimplePublicObject", created.Body);
        var id = created.Json["id"]!.GetValue<string>();
        Assert.True(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var props = created.Json["properties"]!;
        Assert.Equal(id, props["hs_object_id"]!.GetValue<string>());
        Assert.Equal(created.Json["createdAt"]!.GetValue<string>(), props["hs_createdate"]!.GetValue<string>());
        Assert.Equal(created.Json["updatedAt"]!.GetValue<string>(), props["hs_lastmodifieddate"]!.GetValue<string>());
        Assert.False(created.Json["archived"]!.GetValue<bool>());

        var read = (await hs.GetAsync($"{Invoices}/{id}?properties=amount,due_date,sent_at,paid,channels,notes")).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("objects.json", "SimplePublicObjectWithAssociations", read.Body);
        var values = read.Json["properties"]!;
        Assert.Equal("17.5", values["amount"]!.GetValue<string>());
        Assert.Equal("2025-03-01", values["due_date"]!.GetValue<string>());
        Assert.Equal("2025-03-01T09:15:00.000Z", values["sent_at"]!.GetValue<string>());
        Assert.Equal("true", values["paid"]!.GetValue<string>());
        Assert.Equal("Email;Mail", values["channels"]!.GetValue<string>());
        Assert.Null(values["notes"]);
        Assert.Null(values["invoice_number"]);
    }

    [Fact]
    public async Task Get_and_patch_by_unique_id_property_and_empty_string_clears()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var id = hs.SeedInvoices(1)[0];

        var byUnique = (await hs.GetAsync($"{Invoices}/a01000000000001AAA?idProperty=salesforce_id&properties=invoice_number")).Expect(HttpStatusCode.OK);
        Assert.Equal(id, byUnique.Json["id"]!.GetValue<string>());

        (await hs.PatchAsync($"{Invoices}/a01000000000001AAA?idProperty=salesforce_id", new { properties = new { notes = "first" } })).Expect(HttpStatusCode.OK);
        Assert.Equal("first", hs.Account.FindRecord("invoices", id)!.Properties["notes"]);

        var cleared = (await hs.PatchAsync($"{Invoices}/{id}", new { properties = new { notes = "" } })).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("objects.json", "SimplePublicObject", cleared.Body);
        Assert.False(hs.Account.FindRecord("invoices", id)!.Properties.ContainsKey("notes"));

        var notUnique = (await hs.GetAsync($"{Invoices}/INV-00001?idProperty=invoice_number")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("invoice_number", notUnique.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_archives_and_archived_records_are_read_only_with_archived_true()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var id = hs.SeedInvoices(1)[0];

        (await hs.DeleteAsync($"{Invoices}/{id}")).Expect(HttpStatusCode.NoContent);
        var missing = (await hs.GetAsync($"{Invoices}/{id}")).Expect(HttpStatusCode.NotFound);
        OpenApiContract.AssertValid("objects.json", "Error", missing.Body);
        Assert.Equal("OBJECT_NOT_FOUND", missing.Json["category"]!.GetValue<string>());

        var archived = (await hs.GetAsync($"{Invoices}/{id}?archived=true")).Expect(HttpStatusCode.OK);
        Assert.True(archived.Json["archived"]!.GetValue<bool>());
        Assert.NotNull(archived.Json["archivedAt"]);
        Assert.Equal(0, hs.Account.CountRecords("invoices"));
        Assert.Equal(1, hs.Account.CountRecords("invoices", includeArchived: true));

        // The archived record freed its unique value, so a new record may take it; archiving by that value finds the new one.
        var second = hs.SeedInvoices(1)[0];
        Assert.Equal(1, hs.Account.CountRecords("invoices"));
        (await hs.DeleteAsync($"{Invoices}/a01000000000001AAA?idProperty=salesforce_id")).Expect(HttpStatusCode.NoContent);
        Assert.True(hs.Account.FindRecord("invoices", second)!.Archived);
    }

    [Fact]
    public async Task List_pages_with_after_in_id_order_without_gaps_or_repeats()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var ids = hs.SeedInvoices(25);
        hs.Account.ArchiveRecord("invoices", ids[3]);

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = (await hs.GetAsync($"{Invoices}?limit=10" + (after is null ? "" : $"&after={after}"))).Expect(HttpStatusCode.OK);
            OpenApiContract.AssertValid("objects.json", "CollectionResponseSimplePublicObjectWithAssociationsForwardPaging", page.Body);
            seen.AddRange(page.Json["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
            after = page.Json["paging"]?["next"]?["after"]?.GetValue<string>();
            if (after is not null)
            {
                Assert.Contains($"after={after}", page.Json["paging"]!["next"]!["link"]!.GetValue<string>(), StringComparison.Ordinal);
            }

            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Where((_, i) => i != 3), seen);

        var archived = (await hs.GetAsync($"{Invoices}?archived=true")).Expect(HttpStatusCode.OK);
        Assert.Equal([ids[3]], archived.Json["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_refuses_a_limit_over_100_and_unknown_object_types()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var tooMany = (await hs.GetAsync($"{Invoices}?limit=101")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("limit", tooMany.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var unknown = (await hs.GetAsync("/crm/v3/objects/p12345678_widgets")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("Unable to infer object type from: p12345678_widgets", unknown.Json["message"]!.GetValue<string>());
        OpenApiContract.AssertValid("objects.json", "Error", unknown.Body);
    }

    [Fact]
    public async Task Object_type_is_accepted_as_id_fully_qualified_name_and_standard_name()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        hs.SeedInvoices(2);
        foreach (var name in new[] { "2-1234567", "p12345678_invoices" })
        {
            var page = (await hs.GetAsync($"/crm/v3/objects/{name}")).Expect(HttpStatusCode.OK);
            Assert.Equal(2, page.Json["results"]!.AsArray().Count);
        }

        var companies = (await hs.GetAsync("/crm/v3/objects/companies?properties=salesforceaccountid")).Expect(HttpStatusCode.OK);
        Assert.Equal(5, companies.Json["results"]!.AsArray().Count);
        var contacts = (await hs.GetAsync("/crm/v3/objects/0-1")).Expect(HttpStatusCode.OK);
        var first = contacts.Json["results"]!.AsArray()[0]!["properties"]!;
        Assert.NotNull(first["email"]);
        Assert.NotNull(first["lastmodifieddate"]);
    }

    [Fact]
    public async Task Writes_stamp_a_clock_that_tests_can_freeze()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var frozen = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        hs.Account.Clock.Freeze(frozen);
        hs.SeedInvoices(3);
        var created = (await hs.PostAsync(Invoices, new { properties = new { invoice_number = "X" } })).Expect(HttpStatusCode.Created);
        Assert.Equal("2030-01-02T03:04:05.678Z", created.Json["properties"]!["hs_lastmodifieddate"]!.GetValue<string>());
        Assert.All(hs.Account.Records("invoices"), r => Assert.Equal(frozen, r.UpdatedAt));
    }
}
