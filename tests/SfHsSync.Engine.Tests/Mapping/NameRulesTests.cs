using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Mapping;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("Name")]
    [InlineData("Account")]
    [InlineData("Invoice__c")]
    [InlineData("Account__r")]
    [InlineData("Order_Event__e")]
    [InlineData("Setting__mdt")]
    [InlineData("Ext_Object__x")]
    [InlineData("Big_Object__b")]
    [InlineData("acme__Invoice__c")]
    [InlineData("acme_ns__Amount__c")]
    [InlineData("Location__Latitude__s")]
    [InlineData("Tax_Rate_2__c")]
    [InlineData("invoice__C")]
    [InlineData("A")]
    public void SalesforceApiNamesThatFollowTheRulesPass(string name)
    {
        Assert.True(SalesforceName.IsValid(name));
        Assert.Equal(name, SalesforceName.Check(name, "Salesforce field"));
    }

    [Theory]
    [InlineData("Name, (SELECT Id FROM User)", "','")]
    [InlineData("x' OR '1'='1", "'''")]
    [InlineData("../x", "'.'")]
    [InlineData("a b", "U+0020")]
    [InlineData("Name\n", "U+000A")]
    [InlineData("Amount__c;DROP", "';'")]
    [InlineData("Naïve__c", "'ï'")]
    [InlineData("Account.Name", "'.'")]
    [InlineData("", "empty")]
    [InlineData("1Field__c", "start with a letter")]
    [InlineData("_Field__c", "start with a letter")]
    [InlineData("Field_", "ends with an underscore")]
    [InlineData("Field__c_", "ends with an underscore")]
    [InlineData("Field___c", "more than two underscores")]
    [InlineData("Field__zz", "'__zz' is not a Salesforce suffix")]
    [InlineData("a__b__c__c", "double underscore")]
    [InlineData("averyverylongnamespace__Field__c", "namespace prefix")]
    [InlineData("ns__1Field__c", "must start with a letter")]
    public void SalesforceApiNamesThatBreakTheRulesAreRefusedSayingWhy(string name, string why)
    {
        var ex = Assert.Throws<SyncException>(() => SalesforceName.Check(name, "Salesforce field"));
        Assert.Equal("SalesforceNameInvalid", ex.ErrorId);
        Assert.Equal(SyncErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains($"'{name}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Salesforce field", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.False(SalesforceName.IsValid(name));
    }

    [Fact]
    public void SalesforceApiNamesAreLimitedToEightyCharactersBeforeTheSuffix()
    {
        var longest = "A" + new string('b', 79);
        Assert.True(SalesforceName.IsValid(longest));
        Assert.True(SalesforceName.IsValid(longest + "__c"));
        Assert.True(SalesforceName.IsValid("ns__" + longest + "__c"));
        Assert.Contains("81 characters", SalesforceName.Problem(longest + "b"), StringComparison.Ordinal);
        Assert.Contains("81 characters", SalesforceName.Problem(longest + "b__c"), StringComparison.Ordinal);
    }

    [Fact]
    public void ANullSalesforceNameIsRefusedNotThrownAsNullReference()
    {
        var ex = Assert.Throws<SyncException>(() => SalesforceName.Check(null, "Salesforce object"));
        Assert.Equal("SalesforceNameInvalid", ex.ErrorId);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoice_number")]
    [InlineData("amount")]
    [InlineData("hs_object_id")]
    [InlineData("a1")]
    [InlineData("salesforceaccountid")]
    public void HubSpotPropertyNamesThatFollowTheRulesPass(string name)
        => Assert.Equal(name, HubSpotName.CheckProperty(name, "HubSpot property"));

    [Theory]
    [InlineData("Invoice_Number", "did you mean 'invoice_number'?")]
    [InlineData("invoice-number", "'-'")]
    [InlineData("invoice number", "U+0020")]
    [InlineData("x' OR '1'='1", "'''")]
    [InlineData("../x", "'.'")]
    [InlineData("amount?archived=true", "'?'")]
    [InlineData("amount/../../x", "'/'")]
    [InlineData("amount\n", "U+000A")]
    [InlineData("1amount", "start with a letter")]
    [InlineData("_amount", "start with a letter")]
    [InlineData("", "empty")]
    public void HubSpotPropertyNamesThatBreakTheRulesAreRefusedSayingWhy(string name, string why)
    {
        var ex = Assert.Throws<SyncException>(() => HubSpotName.CheckProperty(name, "HubSpot property"));
        Assert.Equal("HubSpotNameInvalid", ex.ErrorId);
        Assert.Contains($"'{name}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HubSpotPropertyNamesAreLimitedToAHundredCharacters()
    {
        Assert.True(HubSpotName.IsValidProperty(new string('a', 100)));
        Assert.Contains("101 characters", HubSpotName.PropertyProblem(new string('a', 101)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("companies")]
    [InlineData("invoices")]
    [InlineData("line_items")]
    [InlineData("2-1234567")]
    [InlineData("0-2")]
    [InlineData("p12345678_invoices")]
    public void HubSpotObjectsByNameIdOrFullyQualifiedNamePass(string name)
        => Assert.Equal(name, HubSpotName.CheckObject(name, "HubSpot object"));

    [Theory]
    [InlineData("2-", "objectTypeId")]
    [InlineData("2-123-4", "objectTypeId")]
    [InlineData("2_1234567", "objectTypeId")]
    [InlineData("companies/../contacts", "'/'")]
    [InlineData("companies?x=1", "'?'")]
    [InlineData("companies ", "U+0020")]
    [InlineData("invoices\n", "U+000A")]
    [InlineData("_invoices", "start with a letter")]
    [InlineData("", "empty")]
    public void HubSpotObjectsThatBreakTheRulesAreRefusedSayingWhy(string name, string why)
    {
        var ex = Assert.Throws<SyncException>(() => HubSpotName.CheckObject(name, "HubSpot object"));
        Assert.Equal("HubSpotNameInvalid", ex.ErrorId);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Invoices")]
    [InlineData("Invoice lines")]
    [InlineData("invoices-2024.v2")]
    [InlineData("Factures à payer")]
    [InlineData("2024")]
    [InlineData("A_b")]
    public void MappingNamesThatAreReadableIdentifiersPass(string name)
        => Assert.Equal(name, SyncMappingName.Check(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" Invoices", "start with a letter or a digit")]
    [InlineData("Invoices ", "ends with a space")]
    [InlineData("In  voices", "two spaces")]
    [InlineData("Invoices/2024", "'/'")]
    [InlineData("x' OR '1'='1", "'''")]
    [InlineData("Invoices\tNew", "U+0009")]
    [InlineData("-Invoices", "start with a letter or a digit")]
    public void MappingNamesThatBreakTheRulesAreRefusedSayingWhy(string name, string why)
    {
        var ex = Assert.Throws<SyncException>(() => SyncMappingName.Check(name));
        Assert.Equal("SyncMappingNameInvalid", ex.ErrorId);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MappingNamesAreLimitedToAHundredCharacters()
    {
        Assert.True(SyncMappingName.IsValid(new string('a', 100)));
        Assert.False(SyncMappingName.IsValid(new string('a', 101)));
    }
}
