using SfHsSync.Engine.Sandbox.Seeds;

namespace SfHsSync.Engine.Tests.Sandbox;

public sealed class SeedMaskTests
{
    [Theory]
    [InlineData("Email", "Contact", "Email", true)]
    [InlineData("Email", "contacts", "email", true)]
    [InlineData("Contact.Email", "Contact", "Email", true)]
    [InlineData("Contact.Email", "Lead", "Email", false)]
    [InlineData("Email", "Contact", "Billing_Email__c", false)]
    public void A_rule_names_a_field_on_every_object_or_on_one(string rule, string objectName, string field, bool covered)
        => Assert.Equal(covered, new SeedMask([rule], 1).Covers(objectName, field));

    [Fact]
    public void One_original_gets_one_fake_and_no_fake_is_an_original()
    {
        var mask = new SeedMask(["Email"], 7);
        var originals = Enumerable.Range(0, 200).Select(i => $"person{i}@example.com").ToList();
        originals.ForEach(mask.Note);
        var fakes = originals.Select(o => mask.Replace(o, MaskedKind.Email, 80)!).ToList();

        Assert.Equal(fakes, originals.Select(o => mask.Replace(o, MaskedKind.Email, 80)));
        Assert.Empty(fakes.Intersect(originals, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(200, fakes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(fakes, f => Assert.Matches("^[^@]+@example\\.com$", f));
    }

    [Fact]
    public void A_fake_fits_the_field_and_a_choice_stays_among_the_choices()
    {
        var mask = new SeedMask(["X"], 3);
        Assert.All(Enumerable.Range(0, 20), i => Assert.True(mask.Replace($"Some long original text {i}", MaskedKind.Text, 8)!.Length <= 8));
        Assert.All(Enumerable.Range(0, 20), i => Assert.Contains(mask.Replace($"v{i}", MaskedKind.Choice, 0, ["Red", "Green"]), new[] { "Red", "Green" }));
        Assert.Null(mask.Replace(null, MaskedKind.Email, 80));
    }

    [Fact]
    public void The_same_seed_gives_the_same_fakes()
    {
        string[] Run() => Enumerable.Range(0, 10).Select(i => new SeedMask(["Phone"], 23).Replace($"+1 555 01{i:00}", MaskedKind.Phone, 40)!).ToArray();
        Assert.Equal(Run(), Run());
    }

    [Theory]
    [InlineData(new[] { "INV-0042", "INV-0043" }, "INV-{0000}")]
    [InlineData(new[] { "17" }, "{00}")]
    [InlineData(new string[0], "{0}")]
    public void An_auto_numbers_format_is_read_off_the_sample(string[] values, string format)
        => Assert.Equal(format, SalesforceSeedFields.AutoNumberFormat(values));
}
