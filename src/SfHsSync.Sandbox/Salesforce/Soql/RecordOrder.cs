using SfHsSync.Sandbox.Salesforce.Data;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Soql;

/// <summary>ORDER BY as a comparer: each key ascending or descending, nulls first or last.</summary>
internal sealed class RecordOrder(IReadOnlyList<SoqlOrder> keys) : IComparer<SObjectRecord>
{
    public int Compare(SObjectRecord? x, SObjectRecord? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        foreach (var key in keys)
        {
            var a = x[key.Field.Name];
            var b = y[key.Field.Name];
            int c;
            if (a is null || b is null)
            {
                c = a is null ? (b is null ? 0 : (key.NullsFirst ? -1 : 1)) : (key.NullsFirst ? 1 : -1);
            }
            else
            {
                c = FieldValues.Compare(key.Field, a, b);
                if (key.Descending)
                {
                    c = -c;
                }
            }

            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
