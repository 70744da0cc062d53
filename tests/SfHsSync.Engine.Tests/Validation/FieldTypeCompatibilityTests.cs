using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>The type table: what fits, what fits with a loss, and that everything else is refused.</summary>
public sealed class FieldTypeCompatibilityTests
{
    [Theory]
    [InlineData("string", "string", "text")]
    [InlineData("textarea", "string", "textarea")]
    [InlineData("email", "string", "text")]
    [InlineData("phone", "string", "text")]
    [InlineData("phone", "phone_number", "phonenumber")]
    [InlineData("url", "string", "text")]
    [InlineData("picklist", "enumeration", "select")]
    [InlineData("picklist", "enumeration", "radio")]
    [InlineData("multipicklist", "enumeration", "checkbox")]
    [InlineData("boolean", "bool", "booleancheckbox")]
    [InlineData("double", "number", "number")]
    [InlineData("currency", "number", "number")]
    [InlineData("percent", "number", "number")]
    [InlineData("int", "number", "number")]
    [InlineData("long", "number", "number")]
    [InlineData("date", "date", "date")]
    [InlineData("datetime", "datetime", "date")]
    public void PairsOfTheSameKindFit(string salesforce, string hubSpot, string fieldType)
        => Assert.Equal(TypeFit.Fits, FieldTypeCompatibility.Check(salesforce, hubSpot, fieldType).Fit);

    [Theory]
    [InlineData("datetime", "date", "date", "time of day")]
    [InlineData("date", "datetime", "date", "midnight UTC")]
    [InlineData("picklist", "enumeration", "checkbox", "several checked values")]
    [InlineData("picklist", "string", "text", "list of values")]
    [InlineData("multipicklist", "string", "textarea", "list of values")]
    [InlineData("combobox", "enumeration", "select", "free text")]
    [InlineData("currency", "string", "text", "summed")]
    public void PairsThatLoseSomethingAreLossyAndSayWhat(string salesforce, string hubSpot, string fieldType, string reason)
    {
        var verdict = FieldTypeCompatibility.Check(salesforce, hubSpot, fieldType);

        Assert.Equal(TypeFit.Lossy, verdict.Fit);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("boolean", "number", "number")]
    [InlineData("string", "number", "number")]
    [InlineData("string", "enumeration", "select")]
    [InlineData("multipicklist", "enumeration", "select")]
    [InlineData("date", "number", "number")]
    [InlineData("double", "date", "date")]
    [InlineData("textarea", "bool", "booleancheckbox")]
    [InlineData("base64", "string", "text")]
    [InlineData("address", "string", "text")]
    [InlineData("time", "datetime", "date")]
    [InlineData("encryptedstring", "string", "text")]
    [InlineData("reference", "string", "text")]
    public void EverythingElseIsRefused(string salesforce, string hubSpot, string fieldType)
        => Assert.Equal(TypeFit.Refused, FieldTypeCompatibility.Check(salesforce, hubSpot, fieldType).Fit);

    [Fact]
    public void ALookupIsRefusedWithTheReasonToUseAnAssociation()
        => Assert.Contains("association mapping", FieldTypeCompatibility.Check("reference", "string", "text").Reason, StringComparison.Ordinal);

    [Fact]
    public void FittingTypesAreListedForSuggestions()
    {
        Assert.Equal(new[] { "enumeration (select, radio)" }, FieldTypeCompatibility.FittingHubSpotTypes("picklist"));
        Assert.Equal(new[] { "string", "phone_number" }, FieldTypeCompatibility.FittingHubSpotTypes("phone"));
        Assert.Empty(FieldTypeCompatibility.FittingHubSpotTypes("base64"));
    }

    [Theory]
    [InlineData("Invoice__c", true, true)]
    [InlineData("Settings__mdt", true, false)]
    [InlineData("Product2", false, true)]
    [InlineData("campaignmember", false, true)]
    [InlineData("Account", false, false)]
    [InlineData("Opportunity", false, false)]
    public void SupportedObjectsAreCustomObjectsAndTheListedStandardOnes(string name, bool custom, bool supported)
        => Assert.Equal(supported, SupportedObjects.IsSupported(name, custom));
}
