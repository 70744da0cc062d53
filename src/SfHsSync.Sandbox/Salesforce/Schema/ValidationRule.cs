namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>A validation rule: when <see cref="ErrorCondition"/> is true for a record, the write fails with FIELD_CUSTOM_VALIDATION_EXCEPTION.</summary>
public sealed record ValidationRule(string Name, FormulaExpression ErrorCondition, string ErrorMessage, string? ErrorDisplayField);
