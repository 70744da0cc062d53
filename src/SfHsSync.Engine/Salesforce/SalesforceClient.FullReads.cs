using System.Runtime.CompilerServices;

namespace SfHsSync.Engine.Salesforce;

/// <summary>The reads an object's describe calls for when it lacks SystemModstamp or a readable recycle bin.</summary>
public sealed partial class SalesforceClient
{
    /// <summary>
    /// Records changed after <paramref name="watermark"/> by <paramref name="stampField"/> (SystemModstamp, or
    /// LastModifiedDate for an object without it), oldest first, ordered by the stamp then Id; the stamp and Id are always
    /// among the fields. See <see cref="ReadChangedSinceAsync"/>; the watermark's instant is read as this field's.
    /// </summary>
    public async IAsyncEnumerable<SalesforceRecord> ReadStampedSinceAsync(string objectName, IEnumerable<string> fields, SalesforceWatermark? watermark,
        string stampField, Action<DateTimeOffset>? serverTime = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stampField);
        var description = await DescribeAsync(objectName, cancellationToken).ConfigureAwait(false);
        var query = SoqlQuery.Select(description, fields.Append(stampField));
        if (watermark is not null)
        {
            query = query.Where(watermark.LastId is null
                ? SoqlCondition.GreaterThanOrEqual(stampField, watermark.SystemModstamp)
                : SoqlCondition.Or(
                    SoqlCondition.GreaterThan(stampField, watermark.SystemModstamp),
                    SoqlCondition.And(
                        SoqlCondition.Equal(stampField, watermark.SystemModstamp),
                        SoqlCondition.GreaterThan("Id", watermark.LastId))));
        }

        query = query.OrderBy(stampField).OrderBy("Id");
        await foreach (var page in QueryPagesAsync(query, false, serverTime, cancellationToken).ConfigureAwait(false))
        {
            foreach (var record in page)
            {
                yield return record;
            }
        }
    }

    /// <summary>Every record of <paramref name="objectName"/> with <paramref name="fields"/>, ordered by Id: one call per 2,000 records (a full comparison).</summary>
    public async IAsyncEnumerable<SalesforceRecord> ReadAllAsync(string objectName, IEnumerable<string> fields,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var description = await DescribeAsync(objectName, cancellationToken).ConfigureAwait(false);
        await foreach (var record in QueryAsync(SoqlQuery.Select(description, fields).OrderBy("Id"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>The Id of every record of <paramref name="objectName"/>: one query, a call per 2,000 Ids (deletes found by the Id set).</summary>
    public async IAsyncEnumerable<string> ReadIdsAsync(string objectName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var description = await DescribeAsync(objectName, cancellationToken).ConfigureAwait(false);
        await foreach (var record in QueryAsync(SoqlQuery.Select(description, Array.Empty<string>()).OrderBy("Id"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (record.Id is { } id)
            {
                yield return id;
            }
        }
    }
}
