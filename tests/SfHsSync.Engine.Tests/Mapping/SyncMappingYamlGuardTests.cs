using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Mapping;

/// <summary>Hostile or non-YAML mapping files refused before they are loaded: tabs, alias bombs, deep nesting, huge values, tags, merge keys.</summary>
public sealed class SyncMappingYamlGuardTests
{
    private const string File = "/work/m.yml";

    private const string Valid = "formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\n";

    [Theory]
    [InlineData(Valid + "fields:\n\t- salesforceField: Name\n\t  hubSpotProperty: name\n", 6, 1)]
    [InlineData(Valid + "fields:\n  - salesforceField: Name\n \t  hubSpotProperty: name\n", 7, 2)]
    [InlineData("formatVersion: 1\nmappings:\n\t- name: A\n\t  salesforceObject: A__c\n\t  hubSpotObject: a\n", 3, 1)]
    public void ATabInIndentationIsRefusedNamingTheLineAndColumn(string yaml, int line, int column)
    {
        var ex = Read(yaml);
        Assert.Equal("SyncMappingYamlInvalid", ex.ErrorId);
        Assert.Equal(SyncErrorKind.InvalidData, ex.Kind);
        Assert.True(new MappingSource(File, line, column) == (MappingSource?)ex.Target, ex.Message);
        Assert.Contains($"{File} (line {line}, column {column}): a tab indents this line", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Valid + "fields:\n  - salesforceField: Name\t# a tab after content\n    hubSpotProperty: \"in\tquotes\"\n")]
    [InlineData(Valid + "fields:\n  - { salesforceField: Name,\n    \thubSpotProperty: name }\n")]
    [InlineData(Valid + "fields:\n  - salesforceField: Name\n    hubSpotProperty: \"a\n      \tb\"\n")]
    [InlineData(Valid + "\t# a comment after a tab\n")]
    public void TabsOutsideIndentationStayLegal(string yaml)
    {
        try
        {
            SyncMappingYamlReader.Read(yaml, File);
        }
        catch (SyncException ex)
        {
            Assert.False(ex.Message.Contains("a tab indents", StringComparison.Ordinal), ex.Message);
        }
    }

    [Fact]
    public void AnAliasBombIsRefusedForItsAliasesBeforeAnyOtherCheck()
    {
        // No formatVersion, and a key the format does not know: the aliases are what it is refused for.
        var yaml = "a: &a [x,x,x,x,x,x,x,x,x]\n" + string.Join("\n", "bcdefgh".Select(n => $"{n}: &{n} [" + string.Join(",", Enumerable.Repeat($"*{(char)(n - 1)}", 9)) + "]"));
        var ex = Read(yaml);
        Assert.Equal(SyncMappingYamlReader.AliasLimitErrorId, ex.ErrorId);
        Assert.Equal(SyncErrorKind.InvalidData, ex.Kind);
        Assert.Matches(@"^/work/m\.yml \(line 6, column \d+\): its first \d+ aliases would already expand the document to [\d,]+ nodes, over the limit of 100,000", ex.Message);
    }

    [Fact]
    public void AFewAliasesAreStillRead()
    {
        var mappings = SyncMappingYamlReader.Read(Valid + "fields:\n  - &f { salesforceField: Name, hubSpotProperty: name }\nassociations: []\n", File);
        Assert.Single(mappings);
    }

    [Fact]
    public void DeepNestingIsRefusedBeforeTheLoaderRecursesIntoIt()
    {
        var ex = Read("formatVersion: 1\nname: " + new string('[', 10_000) + new string(']', 10_000) + "\n");
        Assert.Equal("SyncMappingYamlInvalid", ex.ErrorId);
        Assert.Contains("nests deeper than 32 levels", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ((MappingSource)ex.Target!).Line);
    }

    [Fact]
    public void AHugeValueIsRefused()
    {
        var ex = Read("formatVersion: 1\nname: " + new string('x', 100_000) + "\n");
        Assert.Equal("SyncMappingYamlInvalid", ex.ErrorId);
        Assert.Contains("a value of 100,000 characters", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new MappingSource(File, 2, 7), ex.Target);
    }

    [Theory]
    [InlineData("formatVersion: 1\nname: !!python/object:os.system A\n", "!!python/object:os.system", 2, 7)]
    [InlineData("formatVersion: 1\nname: !custom A\n", "!custom", 2, 7)]
    [InlineData("formatVersion: 1\n--- !!binary\n", "!!binary", 2, 5)]
    public void ACustomTagIsRefused(string yaml, string tag, int line, int column)
    {
        var ex = Read(yaml);
        Assert.Equal("SyncMappingYamlInvalid", ex.ErrorId);
        Assert.Contains($"the tag '{tag}' is not read", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new MappingSource(File, line, column), ex.Target);
    }

    [Fact]
    public void CoreTagsAreRead()
        => Assert.Single(SyncMappingYamlReader.Read("formatVersion: !!int 1\nname: !!str A\nsalesforceObject: A__c\nhubSpotObject: a\n", File));

    [Fact]
    public void AMergeKeyIsRefusedNamingWhere()
    {
        var ex = Read("formatVersion: 1\nbase: &b { salesforceObject: A__c }\nname: A\n<<: *b\nhubSpotObject: a\n");
        Assert.Equal("SyncMappingYamlInvalid", ex.ErrorId);
        Assert.Contains("merge keys ('<<')", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new MappingSource(File, 4, 1), ex.Target);
    }

    private static SyncException Read(string yaml) => Assert.Throws<SyncException>(() => SyncMappingYamlReader.Read(yaml, File));
}
