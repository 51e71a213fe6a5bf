using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MediaOrleans.Silo.Configuration;

/// <summary>
/// Validates an options class by its data annotations and reports each failure with the full
/// configuration key and the value found, e.g. <c>Media:Http:Port = 0: The field Port must be
/// between 1 and 65535.</c>, so an operator knows exactly what to change. Secrets, and the
/// passwords of URIs such as <c>Media:Bus:Uri</c>, are never echoed.
/// </summary>
public sealed class SectionOptionsValidator<T>(string section) : IValidateOptions<T>
    where T : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = results.SelectMany(result => result.MemberNames.DefaultIfEmpty(string.Empty).Select(member =>
        {
            var value = member.Length == 0 ? null : typeof(T).GetProperty(member)?.GetValue(options);
            if (member.Contains("Secret", StringComparison.Ordinal) || member.Contains("Password", StringComparison.Ordinal))
            {
                value = "(redacted)";
            }
            else if (value is string text)
            {
                // A URL may carry credentials in its user part (Media:CouchDb:Url, Media:Bus:Uri).
                value = UriCredentials.Redact(text);
            }

            return $"{section}:{member} = '{value}': {result.ErrorMessage}";
        }));
        return ValidateOptionsResult.Fail(failures);
    }
}
