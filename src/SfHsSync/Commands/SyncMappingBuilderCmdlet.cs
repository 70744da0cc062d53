using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Commands;

/// <summary>
/// What Add-FieldMapping and Add-AssociationMapping share: the two ways they bind.
/// <list type="bullet">
/// <item>Mappings come down the pipeline (<c>New-SyncMapping ... | Add-FieldMapping ...</c>): each gets the addition and
/// is written on at once, so calls chain. A mapping the addition does not fit (a duplicate) gets a non-terminating
/// error and is not written; the pipeline goes on with the next mapping.</item>
/// <item>The mapping is given with -Mapping and rows come down the pipeline (<c>Import-Csv fields.csv | Add-FieldMapping
/// -Mapping $m</c>): every row is added to one mapping, written once at the end. A bad row gets a non-terminating error
/// naming its number, the other rows are still checked, and then, because a mapping missing rows must not go on as if
/// whole, nothing is written and a terminating error says how many rows failed.</item>
/// </list>
/// A bad name given as an argument is bad input for every mapping, so it stops the command at once (terminating).
/// </summary>
public abstract class SyncMappingBuilderCmdlet : SfHsSyncCmdlet
{
    private bool _collecting;
    private SyncMapping? _collected;
    private int _rows;
    private int _failedRows;

    /// <summary>The mapping to add to: from the pipeline, or given once for rows that come down the pipeline.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public SyncMapping Mapping { get; set; } = null!;

    /// <summary>The noun of what is added, for messages: "field mapping".</summary>
    private protected abstract string AddedNoun { get; }

    /// <summary>The ErrorId when rows failed, e.g. "FieldMappingRowsFailed".</summary>
    private protected abstract string RowsFailedErrorId { get; }

    /// <summary>True when every name the addition needs was given as an argument (not from pipeline rows).</summary>
    private protected abstract bool NamesBoundAsArguments { get; }

    /// <summary>The mapping with this invocation's addition; throws SyncException when it does not fit.</summary>
    private protected abstract SyncMapping AddTo(SyncMapping mapping);

    /// <summary>Checks the names given as arguments, before any mapping is touched.</summary>
    private protected abstract void CheckArguments();

    protected override void BeginProcessing()
    {
        // In BeginProcessing only command-line arguments are bound: a -Mapping seen here was given, not piped.
        _collecting = MyInvocation.BoundParameters.ContainsKey(nameof(Mapping));
        _collected = _collecting ? Mapping : null;
        if (NamesBoundAsArguments)
        {
            try
            {
                CheckArguments();
            }
            catch (SyncException ex)
            {
                ThrowSyncError(ex);
            }
        }
    }

    protected override void ProcessRecord()
    {
        _rows++;
        if (!_collecting)
        {
            try
            {
                WriteObject(AddTo(Mapping));
            }
            catch (SyncException ex)
            {
                WriteSyncError(ex);
            }

            return;
        }

        try
        {
            _collected = AddTo(_collected!);
        }
        catch (SyncException ex)
        {
            _failedRows++;
            var record = ToErrorRecord(ex);
            record.ErrorDetails = new ErrorDetails($"Input row {_rows}: {ex.Message}") { RecommendedAction = ex.RecommendedAction };
            WriteError(record);
        }
    }

    protected override void EndProcessing()
    {
        if (!_collecting)
        {
            return;
        }

        if (_failedRows > 0)
        {
            ThrowError(
                RowsFailedErrorId,
                ErrorCategory.InvalidData,
                $"{_failedRows} of {_rows} {AddedNoun} rows could not be added to mapping '{Mapping.Name}' (see the errors above), so the mapping was not written: fix those rows and run the command again.",
                Mapping);
        }

        WriteObject(_collected);
    }
}
