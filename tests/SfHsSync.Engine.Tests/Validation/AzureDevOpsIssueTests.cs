using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Validation;

namespace SfHsSync.Engine.Tests.Validation;

public sealed class AzureDevOpsIssueTests
{
    private static SyncDiagnostic Diagnostic(DiagnosticSeverity severity, MappingSource? source, string message = "no property 'amount2'.")
        => new()
        {
            RuleId = "FD002",
            Rule = "HubSpotPropertyMissing",
            Severity = severity,
            Mapping = "Invoices",
            Target = "Amount__c <-> amount2",
            Message = message,
            Suggestion = "Did you mean 'amount'?",
            Source = source,
        };

    [Fact]
    public void AnErrorWithASourcePointsAtItsFileLineAndColumn()
    {
        var line = AzureDevOpsIssue.Format(Diagnostic(DiagnosticSeverity.Error, new MappingSource("/repo/map/invoices.yaml", 14, 5)));

        Assert.Equal(
            "##vso[task.logissue type=error;sourcepath=/repo/map/invoices.yaml;linenumber=14;columnnumber=5;code=FD002]FD002 HubSpotPropertyMissing [Invoices] no property 'amount2'. Did you mean 'amount'?",
            line);
    }

    [Fact]
    public void AWarningWithoutASourceHasNoLocationAndInformationHasNoLine()
    {
        Assert.StartsWith("##vso[task.logissue type=warning;code=FD002]", AzureDevOpsIssue.Format(Diagnostic(DiagnosticSeverity.Warning, null)), StringComparison.Ordinal);
        Assert.Null(AzureDevOpsIssue.Format(Diagnostic(DiagnosticSeverity.Information, null)));
    }

    [Fact]
    public void TextThatWouldEndTheCommandIsEscaped()
    {
        var line = AzureDevOpsIssue.Format(Diagnostic(DiagnosticSeverity.Error, new MappingSource("/a;b]/x.yaml", 1, 1), "100%\r\nnext"))!;

        Assert.Contains("sourcepath=/a%3Bb%5D/x.yaml;", line, StringComparison.Ordinal);
        Assert.Contains("100%AZP25%0D%0Anext", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void TfBuildTurnsTheLinesOn()
    {
        Assert.True(AzureDevOpsIssue.IsAzurePipelines(name => name == "TF_BUILD" ? "True" : null));
        Assert.False(AzureDevOpsIssue.IsAzurePipelines(_ => null));
    }

    [Fact]
    public void AFileThatCannotBeReadIsAnErrorAtTheLineItsErrorNames()
    {
        var error = new Errors.SyncException("SyncMappingYamlUnknownKey", Errors.SyncErrorKind.InvalidData, "x.yaml (line 3, column 1): unknown key 'nme'.", new MappingSource("/repo/x.yaml", 3, 1));

        Assert.Equal(
            "##vso[task.logissue type=error;sourcepath=/repo/x.yaml;linenumber=3;columnnumber=1;code=SyncMappingYamlUnknownKey]x.yaml (line 3, column 1): unknown key 'nme'.",
            AzureDevOpsIssue.Format(error));
    }
}
