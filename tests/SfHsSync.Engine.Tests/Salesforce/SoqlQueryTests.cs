using System.Text;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Tests.Salesforce;

public sealed class SoqlQueryTests
{
    private static readonly SalesforceObjectDescription Invoice = InvoiceDescription.Create();

    [Fact]
    public void Select_UsesDescribeSpelling_PutsIdFirst_AndDropsRepeats()
    {
        var soql = SoqlQuery.Select(Invoice, "amount__c", "NAME", "Id", "Amount__c").ToSoql();

        Assert.Equal("SELECT Id, Amount__c, Name FROM Invoice__c", soql);
    }

    [Fact]
    public void Select_RefusesAFieldMissingFromDescribe_NamingFieldAndObject()
    {
        var ex = Assert.Throws<SyncException>(() => SoqlQuery.Select(Invoice, "Name", "Total__c"));

        Assert.Equal("SalesforceFieldNotFound", ex.ErrorId);
        Assert.Equal(SyncErrorKind.ObjectNotFound, ex.Kind);
        Assert.Contains("'Total__c'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Invoice__c", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Name, (SELECT Id FROM Contacts)")]
    [InlineData("Name FROM Account --")]
    [InlineData("Name,Amount__c")]
    [InlineData("Id FROM Invoice__c WHERE Name != null OR Name")]
    public void Select_RefusesSoqlSmuggledInAFieldName(string name)
    {
        var ex = Assert.Throws<SyncException>(() => SoqlQuery.Select(Invoice, name));

        Assert.Equal("SalesforceFieldNotFound", ex.ErrorId);
    }

    [Fact]
    public void Select_RefusesNamesThatAreNotIdentifiers_EvenWhenAHandMadeDescribeHasThem()
    {
        var forged = Invoice with { Fields = [.. Invoice.Fields, new SalesforceFieldDescription { Name = "Name FROM Account --", Type = "string" }] };

        var ex = Assert.Throws<SyncException>(() => SoqlQuery.Select(forged, "Name FROM Account --"));

        Assert.Equal("SalesforceNameInvalid", ex.ErrorId);
        Assert.Throws<SyncException>(() => SoqlQuery.Select(Invoice with { Name = "Invoice__c WHERE Id != null" }, "Name"));
    }

    [Fact]
    public void Where_QuotesAndEscapesText_SoAQuoteCannotCloseTheLiteral()
    {
        var soql = SoqlQuery.Select(Invoice, "Name").Where(SoqlCondition.Equal("Name", "x' OR Name != '")).ToSoql();

        Assert.Equal(@"SELECT Id, Name FROM Invoice__c WHERE Name = 'x\' OR Name != \''", soql);
    }

    [Fact]
    public void Where_EscapesBackslashesQuotesAndControlCharacters()
    {
        var soql = SoqlQuery.Select(Invoice).Where(SoqlCondition.Equal("Notes__c", "a\\' \"b\"\n\r\t\b\fc")).ToSoql();

        Assert.EndsWith(@"WHERE Notes__c = 'a\\\' \""b\""\n\r\t\b\fc'", soql);
    }

    [Fact]
    public void Where_EveryTextValue_StaysOneLiteralThatDecodesToTheValue()
    {
        var random = new Random(20260301);
        var alphabet = "'\"\\%_ \n\r\t\b\fabc()=!<>ORAND-;é字".ToCharArray();
        var values = new List<string> { "'", "\\", "\\'", "'\\", "' OR ''='", "\\\\'", "%'--", "" };
        for (var i = 0; i < 500; i++)
        {
            var length = random.Next(0, 24);
            values.Add(new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));
        }

        foreach (var value in values)
        {
            var soql = SoqlQuery.Select(Invoice).Where(SoqlCondition.Equal("Name", value)).OrderBy("Id").ToSoql();
            const string prefix = "SELECT Id FROM Invoice__c WHERE Name = ";
            Assert.StartsWith(prefix, soql, StringComparison.Ordinal);
            var (decoded, end) = ReadLiteral(soql, prefix.Length);
            Assert.Equal(value, decoded);
            Assert.Equal(" ORDER BY Id", soql[end..]);
        }
    }

    [Theory]
    [InlineData("1 OR Name != null")]
    [InlineData("12; DELETE")]
    [InlineData("1e5' OR '1'='1")]
    public void Where_RefusesANumberThatIsNotANumber(string value)
    {
        var ex = Assert.Throws<SyncException>(() => SoqlQuery.Select(Invoice).Where(SoqlCondition.GreaterThan("Amount__c", value)));

        Assert.Equal("SoqlValueInvalid", ex.ErrorId);
        Assert.Contains("Invoice__c.Amount__c", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_PrintsNumbersBooleansDatesAndDatetimesUnquotedInTheirTypesFormat()
    {
        var soql = SoqlQuery.Select(Invoice)
            .Where(SoqlCondition.GreaterThanOrEqual("Amount__c", 1234.50m))
            .Where(SoqlCondition.LessThan("Units__c", "1.5E3"))
            .Where(SoqlCondition.Equal("Paid__c", true))
            .Where(SoqlCondition.Equal("Due_Date__c", new DateOnly(2025, 3, 1)))
            .Where(SoqlCondition.GreaterThan("Sent_At__c", new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(2))))
            .Where(SoqlCondition.GreaterThan("SystemModstamp", new DateTimeOffset(2025, 3, 1, 10, 0, 0, 123, TimeSpan.Zero)))
            .ToSoql();

        Assert.Equal("SELECT Id FROM Invoice__c WHERE Amount__c >= 1234.5 AND Units__c < 1500 AND Paid__c = true AND Due_Date__c = 2025-03-01"
            + " AND Sent_At__c > 2025-03-01T10:00:00Z AND SystemModstamp > 2025-03-01T10:00:00.123Z", soql);
    }

    [Theory]
    [InlineData("Paid__c", "true OR Name != null")]
    [InlineData("Due_Date__c", "2025-03-01' OR Name != '")]
    [InlineData("Sent_At__c", "yesterday")]
    [InlineData("Billing_Address__c", "x")]
    public void Where_RefusesValuesThatDoNotFitTheFieldType(string field, string value)
    {
        var ex = Assert.Throws<SyncException>(() => SoqlQuery.Select(Invoice).Where(SoqlCondition.Equal(field, value)));

        Assert.Equal("SoqlValueInvalid", ex.ErrorId);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_GroupsJunctionsAndNegations_AndChecksEveryNameInThem()
    {
        var query = SoqlQuery.Select(Invoice, "Name").Where(SoqlCondition.Or(
            SoqlCondition.In("Status__c", ["Paid", "Void"]),
            SoqlCondition.And(SoqlCondition.Equal("Paid__c", false), SoqlCondition.Not(SoqlCondition.Equal("Account__c", null)))));

        Assert.Equal("SELECT Id, Name FROM Invoice__c WHERE (Status__c IN ('Paid', 'Void') OR (Paid__c = false AND (NOT Account__c = null)))", query.ToSoql());
        var ex = Assert.Throws<SyncException>(() => query.Where(SoqlCondition.Or(SoqlCondition.Equal("Name", "a"), SoqlCondition.Equal("Nope__c", "b"))));
        Assert.Equal("SalesforceFieldNotFound", ex.ErrorId);
    }

    [Fact]
    public void StartsWith_MatchesWildcardsLiterally_WhileLikeKeepsThem()
    {
        Assert.EndsWith(@"WHERE Name LIKE '50\%\_off%'", SoqlQuery.Select(Invoice).Where(SoqlCondition.StartsWith("Name", "50%_off")).ToSoql());
        Assert.EndsWith(@"WHERE Name LIKE 'INV-%'", SoqlQuery.Select(Invoice).Where(SoqlCondition.Like("Name", "INV-%")).ToSoql());
        Assert.Equal("SoqlValueInvalid", Assert.Throws<SyncException>(() => SoqlQuery.Select(Invoice).Where(SoqlCondition.Like("Amount__c", "1%"))).ErrorId);
    }

    [Fact]
    public void Count_OrderBy_AndLimit()
    {
        Assert.Equal("SELECT COUNT() FROM Invoice__c WHERE Paid__c = true", SoqlQuery.Count(Invoice).Where(SoqlCondition.Equal("Paid__c", "TRUE")).ToSoql());
        Assert.Equal("SELECT Id FROM Invoice__c ORDER BY SystemModstamp, Id DESC LIMIT 10",
            SoqlQuery.Select(Invoice).OrderBy("systemmodstamp").OrderBy("Id", descending: true).Limit(10).ToSoql());
        Assert.Equal("SoqlQueryInvalid", Assert.Throws<SyncException>(() => SoqlQuery.Select(Invoice).Limit(0)).ErrorId);
        Assert.Equal("SoqlQueryInvalid", Assert.Throws<SyncException>(() => SoqlQuery.Count(Invoice).OrderBy("Name")).ErrorId);
    }

    [Fact]
    public void Null_IsOnlyComparedForEquality()
    {
        Assert.EndsWith("WHERE HubSpot_Id__c != null", SoqlQuery.Select(Invoice).Where(SoqlCondition.NotEqual("HubSpot_Id__c", null)).ToSoql());
        Assert.Equal("SoqlValueInvalid", Assert.Throws<SyncException>(() => SoqlQuery.Select(Invoice).Where(SoqlCondition.Compare("Name", SoqlOperator.LessThan, null))).ErrorId);
    }

    /// <summary>Reads a quoted SOQL literal as Salesforce's lexer does, returning its value and where it ends.</summary>
    private static (string Value, int End) ReadLiteral(string soql, int start)
    {
        Assert.Equal('\'', soql[start]);
        var value = new StringBuilder();
        for (var i = start + 1; i < soql.Length; i++)
        {
            var c = soql[i];
            if (c == '\'')
            {
                return (value.ToString(), i + 1);
            }

            if (c == '\\')
            {
                i++;
                value.Append(soql[i] switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'b' => '\b',
                    'f' => '\f',
                    '\'' or '"' or '\\' => soql[i],
                    var other => throw new Xunit.Sdk.XunitException($"Unknown escape \\{other} in {soql}"),
                });
                continue;
            }

            Assert.False(char.IsControl(c), $"A raw control character in {soql}");
            value.Append(c);
        }

        throw new Xunit.Sdk.XunitException($"The literal in {soql} never closes.");
    }
}
