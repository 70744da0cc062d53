using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.HubSpot;

public sealed class HubSpotAssociationTests
{
    private const string InvoicesToCompanies = "/crm/v4/associations/p12345678_invoices/companies/batch";

    private static async Task<int> SchemaTypeIdAsync(HubSpotTestServer hs, string toObjectTypeId)
    {
        var schema = (await hs.GetAsync("/crm-object-schemas/v3/schemas/p12345678_invoices")).Expect(HttpStatusCode.OK);
        var definition = schema.Json["associations"]!.AsArray()
            .Single(a => a!["fromObjectTypeId"]!.GetValue<string>() == "2-1234567" && a["toObjectTypeId"]!.GetValue<string>() == toObjectTypeId);
        return int.Parse(definition!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Batch_create_read_and_archive_with_the_type_id_from_the_schema()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var invoices = hs.SeedInvoices(2);
        var companies = hs.Account.Records("companies").Select(c => c.Id).ToArray();
        var typeId = await SchemaTypeIdAsync(hs, "0-2");

        var created = (await hs.PostAsync($"{InvoicesToCompanies}/create", new
        {
            inputs = new[]
            {
                new { from = new { id = invoices[0] }, to = new { id = companies[0] }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = typeId } } },
                new { from = new { id = invoices[1] }, to = new { id = companies[0] }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = typeId } } },
            },
        })).Expect(HttpStatusCode.Created);
        OpenApiContract.AssertValid("associations.json", "BatchResponseLabelsBetweenObjectPair", created.Body);
        Assert.Equal("2-1234567", created.Json["results"]![0]!["fromObjectTypeId"]!.GetValue<string>());
        Assert.Equal(companies[0], created.Json["results"]![0]!["toObjectId"]!.GetValue<string>());

        var read = (await hs.PostAsync($"{InvoicesToCompanies}/read", new { inputs = new[] { new { id = invoices[0] }, new { id = invoices[1] } } }))
            .Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("associations.json", "BatchResponsePublicAssociationMultiWithLabel", read.Body);
        var first = read.Json["results"]![0]!;
        Assert.Equal(invoices[0], first["from"]!["id"]!.GetValue<string>());
        Assert.Equal(companies[0], first["to"]![0]!["toObjectId"]!.GetValue<string>());
        Assert.Equal(typeId, first["to"]![0]!["associationTypes"]![0]!["typeId"]!.GetValue<int>());
        Assert.Equal("USER_DEFINED", first["to"]![0]!["associationTypes"]![0]!["category"]!.GetValue<string>());

        // The other direction sees both invoices, through the inverse type.
        Assert.Equal(invoices, hs.Account.AssociatedIds("companies", companies[0], "invoices"));
        var back = (await hs.PostAsync("/crm/v4/associations/companies/2-1234567/batch/read", new { inputs = new[] { new { id = companies[0] } } }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(2, back.Json["results"]![0]!["to"]!.AsArray().Count);

        (await hs.PostAsync($"{InvoicesToCompanies}/archive", new { inputs = new[] { new { from = new { id = invoices[0] }, to = new[] { new { id = companies[0] } } } } }))
            .Expect(HttpStatusCode.NoContent);
        var after = (await hs.PostAsync($"{InvoicesToCompanies}/read", new { inputs = new[] { new { id = invoices[0] }, new { id = invoices[1] } } }))
            .Expect((HttpStatusCode)207);
        OpenApiContract.AssertValid("associations.json", "BatchResponsePublicAssociationMultiWithLabelWithErrors", after.Body);
        Assert.Single(after.Json["results"]!.AsArray());
        Assert.Equal(invoices[0], after.Json["errors"]![0]!["context"]!["fromObjectId"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_type_id_that_does_not_join_the_pair_fails_that_input_only()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var invoice = hs.SeedInvoices(1)[0];
        var company = hs.Account.Records("companies")[0].Id;
        var contactTypeId = await SchemaTypeIdAsync(hs, "0-1");
        var companyTypeId = await SchemaTypeIdAsync(hs, "0-2");

        var answer = (await hs.PostAsync($"{InvoicesToCompanies}/create", new
        {
            inputs = new[]
            {
                new { from = new { id = invoice }, to = new { id = company }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = contactTypeId } } },
                new { from = new { id = invoice }, to = new { id = "123456789" }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = companyTypeId } } },
                new { from = new { id = invoice }, to = new { id = company }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = companyTypeId } } },
            },
        })).Expect((HttpStatusCode)207);
        OpenApiContract.AssertValid("associations.json", "BatchResponseLabelsBetweenObjectPairWithErrors", answer.Body);
        Assert.Equal(2, answer.Json["numErrors"]!.GetValue<int>());
        Assert.Contains($"associationTypeId {contactTypeId}", answer.Json["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("OBJECT_NOT_FOUND", answer.Json["errors"]![1]!["category"]!.GetValue<string>());
        Assert.Equal([company], hs.Account.AssociatedIds("invoices", invoice, "companies"));
    }

    [Fact]
    public async Task Default_associations_use_the_unlabeled_type()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var invoice = hs.SeedInvoices(1)[0];
        var contact = hs.Account.Records("contacts")[0].Id;
        var answer = (await hs.PostAsync("/crm/v4/associations/2-1234567/contacts/batch/associate/default", new
        {
            inputs = new[] { new { from = new { id = invoice }, to = new { id = contact } } },
        })).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("associations.json", "BatchResponsePublicDefaultAssociation", answer.Body);
        Assert.Equal(await SchemaTypeIdAsync(hs, "0-1"), answer.Json["results"]![0]!["associationSpec"]!["associationTypeId"]!.GetValue<int>());
        Assert.Equal([contact], hs.Account.AssociatedIds("invoices", invoice, "contacts"));

        var list = (await hs.GetAsync($"/crm/v4/objects/p12345678_invoices/{invoice}/associations/contacts")).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("associations.json", "CollectionResponseMultiAssociatedObjectWithLabelForwardPaging", list.Body);
        Assert.Equal(contact, list.Json["results"]![0]!["toObjectId"]!.GetValue<string>());

        var withAssociations = (await hs.GetAsync($"/crm/v3/objects/p12345678_invoices/{invoice}?associations=contacts")).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("objects.json", "SimplePublicObjectWithAssociations", withAssociations.Body);
        Assert.Equal(contact, withAssociations.Json["associations"]!["contacts"]!["results"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Labels_are_listed_and_created_under_both_paths_and_usable_in_batch_create()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var listed = (await hs.GetAsync("/crm/associations/v4/p12345678_invoices/contacts/labels")).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("associationsSchema.json", "CollectionResponseAssociationSpecWithLabelNoPaging", listed.Body);
        Assert.Single(listed.Json["results"]!.AsArray());

        var created = (await hs.PostAsync("/crm/v4/associations/p12345678_invoices/contacts/labels", new { label = "Billing contact", name = "billing_contact" }))
            .Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("associationsSchema.json", "CollectionResponseAssociationSpecWithLabelNoPaging", created.Body);
        var labelTypeId = created.Json["results"]![0]!["typeId"]!.GetValue<int>();

        var relisted = (await hs.GetAsync("/crm/v4/associations/p12345678_invoices/contacts/labels")).Expect(HttpStatusCode.OK);
        Assert.Contains(relisted.Json["results"]!.AsArray(), r => r!["label"]?.GetValue<string>() == "Billing contact" && r["typeId"]!.GetValue<int>() == labelTypeId);

        var invoice = hs.SeedInvoices(1)[0];
        var contact = hs.Account.Records("contacts")[1].Id;
        var linked = (await hs.PostAsync("/crm/v4/associations/p12345678_invoices/contacts/batch/create", new
        {
            inputs = new[] { new { from = new { id = invoice }, to = new { id = contact }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = labelTypeId } } } },
        })).Expect(HttpStatusCode.Created);
        Assert.Equal("Billing contact", linked.Json["results"]![0]!["labels"]![0]!.GetValue<string>());

        (await hs.PostAsync("/crm/v4/associations/p12345678_invoices/contacts/labels", new { label = "Again", name = "billing_contact" })).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Labels_archive_removes_only_the_labeled_type_and_removing_the_unlabeled_type_removes_all()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var unlabeled = await SchemaTypeIdAsync(hs, "0-2");
        var labeled = (await hs.PostAsync("/crm/v4/associations/p12345678_invoices/companies/labels", new { label = "Bill to", name = "bill_to" }))
            .Expect(HttpStatusCode.OK).Json["results"]![0]!["typeId"]!.GetValue<int>();
        var invoices = hs.SeedInvoices(2);
        var company = hs.Account.Records("companies")[0].Id;
        object Both(string invoice) => new
        {
            from = new { id = invoice },
            to = new { id = company },
            types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = unlabeled }, new { associationCategory = "USER_DEFINED", associationTypeId = labeled } },
        };
        (await hs.PostAsync($"{InvoicesToCompanies}/create", new { inputs = new[] { Both(invoices[0]), Both(invoices[1]) } })).Expect(HttpStatusCode.Created);

        // The labeled type alone goes from the first invoice; the unlabeled one stays.
        object Remove(string invoice, int typeId) => new { from = new { id = invoice }, to = new { id = company }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = typeId } } };
        (await hs.PostAsync($"{InvoicesToCompanies}/labels/archive", new { inputs = new[] { Remove(invoices[0], labeled) } })).Expect(HttpStatusCode.NoContent);
        var read = (await hs.PostAsync($"{InvoicesToCompanies}/read", new { inputs = new[] { new { id = invoices[0] } } })).Expect(HttpStatusCode.OK);
        var types = read.Json["results"]![0]!["to"]![0]!["associationTypes"]!.AsArray().Select(t => t!["typeId"]!.GetValue<int>()).ToList();
        Assert.Equal([unlabeled], types);

        // Removing the unlabeled type takes the labeled one with it, as HubSpot documents.
        (await hs.PostAsync($"{InvoicesToCompanies}/labels/archive", new { inputs = new[] { Remove(invoices[1], unlabeled) } })).Expect(HttpStatusCode.NoContent);
        Assert.Empty(hs.Account.AssociatedIds("p12345678_invoices", invoices[1], "companies"));

        // A type that does not join the pair is refused.
        (await hs.PostAsync($"{InvoicesToCompanies}/labels/archive", new { inputs = new[] { Remove(invoices[0], 999_999) } })).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Records_can_be_created_with_associations()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var company = hs.Account.Records("companies")[2].Id;
        var typeId = await SchemaTypeIdAsync(hs, "0-2");
        var created = (await hs.PostAsync("/crm/v3/objects/p12345678_invoices", new
        {
            properties = new { invoice_number = "WITH-COMPANY" },
            associations = new[] { new { to = new { id = company }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = typeId } } } },
        })).Expect(HttpStatusCode.Created);
        Assert.Equal([company], hs.Account.AssociatedIds("invoices", created.Json["id"]!.GetValue<string>(), "companies"));
    }
}
