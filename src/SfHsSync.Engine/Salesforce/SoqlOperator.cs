namespace SfHsSync.Engine.Salesforce;

/// <summary>The comparison operators a <see cref="SoqlCondition"/> can use.</summary>
public enum SoqlOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Like,
}
