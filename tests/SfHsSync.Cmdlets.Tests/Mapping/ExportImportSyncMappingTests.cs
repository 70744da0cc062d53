using System.Management.Automation;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Cmdlets.Tests.Mapping;

public sealed class ExportImportSyncMappingTests : IDisposable
{
    private const string Chain = """
        $invoices = New-SyncMapping Invoices Invoice__c p12345678_invoices -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping Name invoice_number |
            Add-FieldMapping Amount__c amount SalesforceToHubSpot |
            Add-AssociationMapping Account__c companies -TargetIdProperty salesforceaccountid
        $accounts = New-SyncMapping Accounts Account companies -SaveForLater | Add-FieldMapping Name name
        """;

    private readonly PowerShellHost _shell = new();
    private readonly MappingFolder _folder = new();

    public void Dispose()
    {
        _shell.Dispose();
        _folder.Dispose();
    }

    private static SyncMapping Invoices() =>
        new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", salesforceIdProperty: "salesforce_id", hubSpotIdField: "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid"));

    private static SyncMapping Accounts() => new SyncMapping("Accounts", "Account", "companies", status: MappingStatus.SavedForLater).AddField("Name", "name");

    private Dictionary<string, object?> Vars(params (string Name, object? Value)[] values)
    {
        var vars = new Dictionary<string, object?> { ["folder"] = _folder.Path };
        foreach (var (name, value) in values)
        {
            vars[name] = value;
        }

        return vars;
    }

    [Fact]
    public void TheChainExportsOneMappingAndImportsItBackEqual()
    {
        var path = _folder.File("invoices.yml");
        var run = _shell.Run(Chain + "\n$invoices | Export-SyncMapping -Path $path -PassThru\nImport-SyncMapping -Path $path", Vars(("path", path)));

        Assert.Empty(run.Errors);
        Assert.Equal(path, Assert.IsType<FileInfo>(run.Values[0]).FullName);
        var read = Assert.IsType<SyncMapping>(run.Values[1]);
        Assert.Equal(Invoices(), read);
        Assert.Equal(new MappingSource(path, 2, 1), read.Source);
        Assert.DoesNotContain("mappings:", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralPipedMappingsGoToOneFileAsASet()
    {
        var path = _folder.File("all.yml");
        var run = _shell.Run(Chain + "\n$invoices, $accounts | Export-SyncMapping $path\nImport-SyncMapping $path", Vars(("path", path)));

        Assert.Empty(run.Errors);
        Assert.Equal([Invoices(), Accounts()], run.Values);
        Assert.Contains("mappings:", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIfWritesNoFile()
    {
        var path = _folder.File("whatif.yml");
        var run = _shell.Run(Chain + "\n$invoices | Export-SyncMapping -Path $path -WhatIf -PassThru", Vars(("path", path)));

        Assert.Empty(run.Errors);
        Assert.Empty(run.Output);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void AnExistingFileNeedsForce()
    {
        var path = _folder.File("m.yml");
        File.WriteAllText(path, "keep me");
        var refused = _shell.Run(Chain + "\ntry { $invoices | Export-SyncMapping -Path $path; 'went on' } catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.TargetObject }", Vars(("path", path)));

        Assert.Equal(["SyncMappingFileExists,SfHsSync.Commands.ExportSyncMappingCommand", ErrorCategory.ResourceExists, path], refused.Values);
        Assert.Equal("keep me", File.ReadAllText(path));

        var forced = _shell.Run(Chain + "\n$accounts | Export-SyncMapping -Path $path -Force\nImport-SyncMapping $path", Vars(("path", path)));
        Assert.Empty(forced.Errors);
        Assert.Equal([Accounts()], forced.Values);
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void RelativePathsResolveAgainstThePowerShellLocationNotTheProcessFolder()
    {
        var run = _shell.Run(Chain + """

            Push-Location $folder
            try {
                $invoices | Export-SyncMapping -Path ./relative.yml -PassThru | ForEach-Object FullName
                New-PSDrive -Name MapTest -PSProvider FileSystem -Root $folder | Out-Null
                $accounts | Export-SyncMapping -Path MapTest:/drive.yml
                Import-SyncMapping MapTest:/drive.yml
            }
            finally { Pop-Location; Remove-PSDrive MapTest -ErrorAction SilentlyContinue }
            """, Vars());

        Assert.Empty(run.Errors);
        Assert.Equal(_folder.File("relative.yml"), run.Values[0]);
        Assert.True(File.Exists(_folder.File("drive.yml")));
        Assert.Equal(Accounts(), run.Values[1]);
    }

    [Fact]
    public void NothingToExportIsAnError()
    {
        var path = _folder.File("none.yml");
        var run = _shell.Run("try { @() | Export-SyncMapping -Path $path; 'went on' } catch { $_.FullyQualifiedErrorId }", Vars(("path", path)));
        Assert.Equal(["SyncMappingNoneToExport,SfHsSync.Commands.ExportSyncMappingCommand"], run.Values);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void AMissingFolderStopsTheExportNamingIt()
    {
        var path = Path.Combine(_folder.Path, "missing", "m.yml");
        var run = _shell.Run(Chain + "\ntry { $invoices | Export-SyncMapping -Path $path } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }", Vars(("path", path)));
        Assert.Equal("SyncMappingFileWriteFailed,SfHsSync.Commands.ExportSyncMappingCommand", run.Values[0]);
        Assert.Contains(Path.Combine(_folder.Path, "missing"), (string)run.Values[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ImportTakesWildcardsLiteralPathsAndGetChildItemOutput()
    {
        var run = _shell.Run(Chain + """

            $invoices | Export-SyncMapping (Join-Path $folder 'a.yml')
            $accounts | Export-SyncMapping (Join-Path $folder 'b[1].yml')
            (Import-SyncMapping (Join-Path $folder '*.yml')).Name -join ','
            (Import-SyncMapping -LiteralPath (Join-Path $folder 'b[1].yml')).Name
            (Get-ChildItem $folder -Filter *.yml | Sort-Object Name | Import-SyncMapping).Name -join ','
            """, Vars());

        Assert.Empty(run.Errors);
        Assert.Equal(["Invoices,Accounts", "Accounts", "Invoices,Accounts"], run.Values);
    }

    [Fact]
    public void AMissingOrMalformedFileIsReportedAndTheOtherFilesAreStillRead()
    {
        var good = _folder.File("good.yml");
        var bad = _folder.File("bad.yml");
        File.WriteAllText(bad, "formatVersion: 1\nname: Invoices\nsalesforceObject: Invoice__c\nhubSpotObject: invoices\nfields:\n  - { salesforceField: Name, hubSpotProperty: invoice_number\n");
        var run = _shell.Run(Chain + "\n$accounts | Export-SyncMapping $good\nImport-SyncMapping -Path $missing, $bad, $good", Vars(("good", good), ("bad", bad), ("missing", _folder.File("missing.yml"))));

        Assert.Equal([Accounts()], run.Values);
        Assert.Equal(
            ["SyncMappingFileNotFound,SfHsSync.Commands.ImportSyncMappingCommand", "SyncMappingYamlInvalid,SfHsSync.Commands.ImportSyncMappingCommand"],
            run.ErrorIds);
        var where = Assert.IsType<MappingSource>(run.Errors[1].TargetObject);
        Assert.Equal(bad, where.File);
        Assert.Equal(7, where.Line);
        Assert.Contains("did not find expected ',' or '}'", run.Errors[1].Exception.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, run.Errors[1].CategoryInfo.Category);
    }

    [Theory]
    [InlineData("formatVersion: 9\nname: A\n", "SyncMappingFormatUnsupported", ErrorCategory.NotImplemented)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: A__c\nhubSpotObject: a\nowner: me\n", "SyncMappingYamlUnknownKey", ErrorCategory.InvalidData)]
    [InlineData("formatVersion: 1\nname: A\nsalesforceObject: \"A__c' OR '1'='1\"\nhubSpotObject: a\n", "SalesforceNameInvalid", ErrorCategory.InvalidArgument)]
    public void FileErrorsKeepTheirErrorIds(string yaml, string errorId, ErrorCategory category)
    {
        var path = _folder.File("x.yml");
        File.WriteAllText(path, yaml);
        var run = _shell.Run("Import-SyncMapping $path", Vars(("path", path)));
        Assert.Empty(run.Output);
        var error = Assert.Single(run.Errors);
        Assert.Equal($"{errorId},SfHsSync.Commands.ImportSyncMappingCommand", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Contains(path, error.Exception.Message, StringComparison.Ordinal);
    }
}
