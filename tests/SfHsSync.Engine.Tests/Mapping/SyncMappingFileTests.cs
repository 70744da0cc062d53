using System.Text;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Mapping;

public sealed class SyncMappingFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sfhssync-mapping-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AWrittenFileReadsBackEqualWithItsSource()
    {
        var path = Path.Combine(_folder, "invoices.yml");
        var mapping = SyncMappingTests.Invoices();

        Assert.Equal(path, SyncMappingFile.Write(path, [mapping], overwrite: false));
        var read = Assert.Single(SyncMappingFile.Read(path));

        Assert.Equal(mapping, read);
        Assert.Equal(path, read.Source?.File);
        Assert.Equal(path, read.Fields[0].Source?.File);
    }

    [Fact]
    public void TheFileIsUtf8WithoutBomWithLfLineEnds()
    {
        var path = Path.Combine(_folder, "m.yml");
        SyncMappingFile.Write(path, [new SyncMapping("Factures à payer", "Invoice__c", "invoices")], overwrite: false);
        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Contains("name: Factures à payer\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithABomIsReadToo()
    {
        var path = Path.Combine(_folder, "bom.yml");
        File.WriteAllText(path, "formatVersion: 1\r\nname: A\r\nsalesforceObject: A__c\r\nhubSpotObject: a\r\n", new UTF8Encoding(true));
        Assert.Equal(new SyncMapping("A", "A__c", "a"), Assert.Single(SyncMappingFile.Read(path)));
    }

    [Fact]
    public void AnExistingFileIsKeptUnlessOverwriteIsAsked()
    {
        var path = Path.Combine(_folder, "m.yml");
        File.WriteAllText(path, "keep me");

        var ex = Assert.Throws<SyncException>(() => SyncMappingFile.Write(path, [new SyncMapping("A", "A__c", "a")], overwrite: false));
        Assert.Equal("SyncMappingFileExists", ex.ErrorId);
        Assert.Equal(SyncErrorKind.ResourceExists, ex.Kind);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(path));

        SyncMappingFile.Write(path, [new SyncMapping("A", "A__c", "a")], overwrite: true);
        Assert.Equal(new SyncMapping("A", "A__c", "a"), Assert.Single(SyncMappingFile.Read(path)));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFileWholeAndNoTemporaryFileBehind()
    {
        var path = Path.Combine(_folder, "m.yml");
        SyncMappingFile.Write(path, [new SyncMapping("A", "A__c", "a")], overwrite: false);
        var before = File.ReadAllText(path);

        var ex = Assert.Throws<SyncException>(() => SyncMappingFile.Write(path, [new SyncMapping("A", "A__c", "a"), new SyncMapping("a", "B__c", "b")], overwrite: true));
        Assert.Equal("SyncMappingDuplicate", ex.ErrorId);
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void AMissingFolderOrAFolderAsTargetIsRefusedNamingThePath()
    {
        var missing = Path.Combine(_folder, "nope", "m.yml");
        var ex = Assert.Throws<SyncException>(() => SyncMappingFile.Write(missing, [new SyncMapping("A", "A__c", "a")], overwrite: false));
        Assert.Equal("SyncMappingFileWriteFailed", ex.ErrorId);
        Assert.Contains(Path.Combine(_folder, "nope"), ex.Message, StringComparison.Ordinal);

        var folder = Assert.Throws<SyncException>(() => SyncMappingFile.Write(_folder, [new SyncMapping("A", "A__c", "a")], overwrite: true));
        Assert.Equal("SyncMappingFileWriteFailed", folder.ErrorId);
        Assert.Contains("is a folder", folder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsRefusedAsNotFound()
    {
        var path = Path.Combine(_folder, "missing.yml");
        var ex = Assert.Throws<SyncException>(() => SyncMappingFile.Read(path));
        Assert.Equal("SyncMappingFileNotFound", ex.ErrorId);
        Assert.Equal(SyncErrorKind.ObjectNotFound, ex.Kind);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotUtf8IsRefusedAsInvalid()
    {
        var path = Path.Combine(_folder, "latin1.yml");
        File.WriteAllBytes(path, [.. "formatVersion: 1\nname: Caf"u8, 0xE9, (byte)'\n']);
        Assert.Equal("SyncMappingYamlInvalid", Assert.Throws<SyncException>(() => SyncMappingFile.Read(path)).ErrorId);
    }

    [Fact]
    public void ErrorsInAFileNameItsFullPath()
    {
        var path = Path.Combine(_folder, "bad.yml");
        File.WriteAllText(path, "formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nextra: 1\n");
        var ex = Assert.Throws<SyncException>(() => SyncMappingFile.Read(path));
        Assert.Equal("SyncMappingYamlUnknownKey", ex.ErrorId);
        Assert.StartsWith($"{path} (line 5, column 1)", ex.Message, StringComparison.Ordinal);
    }
}
