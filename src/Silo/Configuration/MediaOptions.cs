using System.ComponentModel.DataAnnotations;
using System.Net;

namespace MediaOrleans.Silo.Configuration;

/// <summary>Silo-wide media settings, bound from <c>Media</c>.</summary>
public sealed class MediaOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Media";

    /// <summary>
    /// Host name or address put into every URL handed out: the name FreeSWITCH uses to reach this
    /// silo. The embedded default only serves this machine.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[A-Za-z0-9.\-\[\]:]+$", ErrorMessage = "Media:AdvertisedHost must be a host name or IP address")]
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Address the HTTP and SHOUT listeners bind to (default all IPv4 addresses; <c>::</c> for all IPv6 and IPv4).</summary>
    [Required(AllowEmptyStrings = false)]
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>Root of the local media store, the recording spool and the URL secret file.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataPath { get; set; } = "./data";

    /// <summary>
    /// Added to every port this silo listens on (HTTP, SHOUT, Orleans silo and gateway), so
    /// several silos run on one machine from one configuration (default 0).
    /// </summary>
    [Range(0, 60_000)]
    public int PortOffset { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            yield return new ValidationResult("must be an IP address, e.g. 0.0.0.0 or 127.0.0.1", [nameof(ListenAddress)]);
        }
    }
}
