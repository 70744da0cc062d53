using SfHsSync.Engine.Validation;

namespace SfHsSync.Engine.Tests.Validation;

public sealed class NearestNamesTests
{
    [Fact]
    public void FindsTyposAndAForgottenSuffixClosestFirst()
    {
        var fields = new[] { "Amount__c", "Account__c", "Name", "Units__c" };

        Assert.Equal(new[] { "Amount__c" }, NearestNames.Find("Amount", fields));
        Assert.Equal(new[] { "Account__c", "Amount__c" }, NearestNames.Find("Acount__c", fields));
        Assert.Equal(new[] { "Amount__c" }, NearestNames.Find("amount__c", fields).Take(1));
        Assert.Equal("Did you mean 'Units__c'?", NearestNames.DidYouMean("Unit__c", fields));
    }

    [Fact]
    public void SuggestsNothingWhenNothingIsClose()
    {
        Assert.Empty(NearestNames.Find("Billing_Email__c", ["Name", "Id"]));
        Assert.Null(NearestNames.DidYouMean("zzzzzzzz", ["Amount__c"]));
    }
}
