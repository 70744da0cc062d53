using System.Globalization;
using Bogus;

namespace SfHsSync.Engine.Sandbox.Seeds;

/// <summary>The kinds of value a masked field holds, from either side's type.</summary>
public enum MaskedKind
{
    Text,
    PersonName,
    CompanyName,
    Email,
    Phone,
    Url,
    Domain,
    Integer,
    Decimal,
    Date,
    DateTime,
    Boolean,
    Choice,
}

/// <summary>
/// Replaces the values of masked fields with generated ones of the same kind (Bogus). One original value always becomes
/// the same fake, on both sides, so records that matched by a masked value still match; a generated text never equals
/// an original value the mask has seen.
/// </summary>
public sealed class SeedMask
{
    private readonly IReadOnlyList<(string? Scope, string Name)> _rules;
    private readonly Faker _faker;
    private readonly Dictionary<(MaskedKind, string), string> _given = new();
    private readonly HashSet<string> _originals = new(StringComparer.OrdinalIgnoreCase);

    public SeedMask(IEnumerable<string> rules, int seed)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.Where(r => !string.IsNullOrWhiteSpace(r)).Select(Parse).ToArray();
        _faker = new Faker { Random = new Randomizer(seed) };
    }

    /// <summary>Every original value replaced so far (what must not appear in the seed).</summary>
    public IReadOnlyCollection<string> Originals => _originals;

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>True when <paramref name="field"/> of <paramref name="objectName"/> is masked.</summary>
    public bool Covers(string objectName, string field)
        => _rules.Any(r => string.Equals(r.Name, field, StringComparison.OrdinalIgnoreCase)
                           && (r.Scope is null || string.Equals(r.Scope, objectName, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Remembers originals before any is replaced, so no fake can collide with a value met later.</summary>
    public void Note(string? original)
    {
        if (!string.IsNullOrEmpty(original))
        {
            _originals.Add(original);
        }
    }

    /// <summary>The fake for <paramref name="original"/>: null stays null; <paramref name="choices"/> bound a picklist or enumeration.</summary>
    public string? Replace(string? original, MaskedKind kind, int maxLength, IReadOnlyList<string>? choices = null)
    {
        if (string.IsNullOrEmpty(original))
        {
            return original;
        }

        Note(original);
        if (_given.TryGetValue((kind, original), out var known))
        {
            return known;
        }

        var fake = Generate(kind, maxLength, choices);
        for (var attempt = 0; IsText(kind) && (_originals.Contains(fake) || _given.ContainsValue(fake)); attempt++)
        {
            fake = attempt < 20 ? Generate(kind, maxLength, choices) : Fit(fake + "-" + attempt.ToString(CultureInfo.InvariantCulture), maxLength);
        }

        _given[(kind, original)] = fake;
        return fake;
    }

    private static bool IsText(MaskedKind kind) => kind is MaskedKind.Text or MaskedKind.PersonName or MaskedKind.CompanyName or MaskedKind.Email or MaskedKind.Phone or MaskedKind.Url or MaskedKind.Domain;

    private string Generate(MaskedKind kind, int maxLength, IReadOnlyList<string>? choices) => kind switch
    {
        MaskedKind.PersonName => Fit(_faker.Name.FullName(), maxLength),
        MaskedKind.CompanyName => Fit(_faker.Company.CompanyName(), maxLength),
        MaskedKind.Email => Fit(_faker.Internet.Email(provider: "example.com").ToLowerInvariant(), maxLength),
        MaskedKind.Phone => Fit(_faker.Phone.PhoneNumber("+1 555 ### ####"), maxLength),
        MaskedKind.Url => Fit("https://" + _faker.Internet.DomainWord() + ".example.com", maxLength),
        MaskedKind.Domain => Fit(_faker.Internet.DomainWord() + ".example.com", maxLength),
        MaskedKind.Integer => _faker.Random.Int(0, 100_000).ToString(CultureInfo.InvariantCulture),
        MaskedKind.Decimal => Math.Round(_faker.Random.Decimal(0, 100_000), 2).ToString(CultureInfo.InvariantCulture),
        MaskedKind.Date => _faker.Date.Past(5, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        MaskedKind.DateTime => _faker.Date.Past(5, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm:ss.000Z", CultureInfo.InvariantCulture),
        MaskedKind.Boolean => _faker.Random.Bool() ? "true" : "false",
        MaskedKind.Choice => choices is { Count: > 0 } ? choices[_faker.Random.Int(0, choices.Count - 1)] : Fit(_faker.Lorem.Word(), maxLength),
        _ => Fit(_faker.Lorem.Sentence(3).TrimEnd('.'), maxLength),
    };

    private static string Fit(string value, int maxLength) => maxLength > 0 && value.Length > maxLength ? value[..maxLength] : value;

    private static (string? Scope, string Name) Parse(string rule)
    {
        var dot = rule.LastIndexOf('.');
        return dot > 0 ? (rule[..dot].Trim(), rule[(dot + 1)..].Trim()) : (null, rule.Trim());
    }
}
