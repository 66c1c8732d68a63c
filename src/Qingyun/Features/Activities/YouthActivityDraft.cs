using System.Security.Cryptography;
using Qingyun.Domain;
using Qingyun.Domain.Activities;
using Qingyun.Domain.People;
using Qingyun.Features.Volunteering;

namespace Qingyun.Features.Activities;

/// <summary>
/// What an organizer fills in for a youth activity (hub event, lecture, menu service, scheduled teaching). The
/// publish form, the menu item that reaches its minimum and the scheduled-teaching series all build activities
/// through <see cref="Check"/> and <see cref="ToActivity"/>, so every path applies the same rules.
/// </summary>
public sealed record YouthActivityDraft(
    string? Title, string? Place, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    Guid? CategoryId = null, string? Description = null, int? Capacity = null,
    Audience Audience = Audience.AllYouth, int? MinAge = null, int? MaxAge = null,
    PriceBand PriceBand = PriceBand.Free, decimal? Price = null, AttendanceMode AttendanceMode = AttendanceMode.CheckIn,
    Guid? ThemeId = null, Guid? TeacherId = null, Guid? TopicId = null, string? ContactName = null, string? ContactPhone = null)
{
    public const int MaxCapacity = 100_000;
    public const int MaxDays = 7;

    /// <summary>Every rule broken, each naming its field; the times must lie ahead of <paramref name="now"/>.</summary>
    public List<Failure> Check(DateTimeOffset now)
    {
        var f = new List<Failure>();
        ActivityDesk.Text(Title, "Title", Activity.TitleMaxLength, true, f);
        ActivityDesk.Text(Place, "Place", Activity.PlaceMaxLength, true, f);
        ActivityDesk.Text(Description, "Description", Activity.DescriptionMaxLength, false, f);
        ActivityDesk.Text(ContactName, "ContactName", Person.NameMaxLength, false, f);
        if (!string.IsNullOrWhiteSpace(ContactPhone) && !Phone.TryNormalize(ContactPhone, out _))
        {
            f.Add(new Failure("ContactPhone", "PhonePattern"));
        }
        if (StartsAt is null)
        {
            f.Add(Failure.Required("StartsAt"));
        }
        if (EndsAt is null)
        {
            f.Add(Failure.Required("EndsAt"));
        }
        if (StartsAt is { } s && EndsAt is { } e)
        {
            if (e <= s)
            {
                f.Add(new Failure("EndsAt", "EndsAfterStart"));
            }
            else if (e - s > TimeSpan.FromDays(MaxDays))
            {
                f.Add(new Failure("EndsAt", "ActivityTooLong", 400, MaxDays));
            }
            if (s <= now)
            {
                f.Add(new Failure("StartsAt", "MustBeFuture"));
            }
        }
        if (Capacity is { } c && (c < 1 || c > MaxCapacity))
        {
            f.Add(new Failure("Capacity", "Range", 400, 1, MaxCapacity));
        }
        if (MinAge is { } min && (min < 0 || min > 120))
        {
            f.Add(new Failure("MinAge", "Range", 400, 0, 120));
        }
        if (MaxAge is { } max && (max < 0 || max > 120))
        {
            f.Add(new Failure("MaxAge", "Range", 400, 0, 120));
        }
        if (MinAge is { } a && MaxAge is { } b && a > b)
        {
            f.Add(new Failure("MaxAge", "MaxBelowMin"));
        }
        if (PriceBand == PriceBand.Free && Price is > 0)
        {
            f.Add(new Failure("Price", "FreeHasNoPrice"));
        }
        if (PriceBand != PriceBand.Free && Price is not > 0)
        {
            f.Add(new Failure("Price", "PriceRequired"));
        }
        if (Price is > 100_000)
        {
            f.Add(new Failure("Price", "Range", 400, 0, 100_000));
        }
        if (!Enum.IsDefined(Audience))
        {
            f.Add(Failure.Required("Audience"));
        }
        if (!Enum.IsDefined(PriceBand))
        {
            f.Add(Failure.Required("PriceBand"));
        }
        if (!Enum.IsDefined(AttendanceMode))
        {
            f.Add(Failure.Required("AttendanceMode"));
        }
        return f;
    }

    /// <summary>The activity, as a draft of <paramref name="unitId"/>; call only after <see cref="Check"/> found nothing.</summary>
    public Activity ToActivity(Guid unitId, DateTimeOffset now, string? by)
    {
        Phone.TryNormalize(ContactPhone ?? "", out var phone);
        return new Activity
        {
            UnitId = unitId, Kind = ActivityKind.Youth, Title = Title!.Trim(), Place = Place!.Trim(), Description = Description?.Trim() is { Length: > 0 } d ? d : null,
            StartsAt = StartsAt!.Value.ToUniversalTime(), EndsAt = EndsAt!.Value.ToUniversalTime(), CategoryId = CategoryId, Capacity = Capacity,
            Audience = Audience, MinAge = MinAge, MaxAge = MaxAge, PriceBand = PriceBand, Price = PriceBand == PriceBand.Free ? null : Price,
            AttendanceMode = AttendanceMode, ThemeId = ThemeId, TeacherId = TeacherId, TopicId = TopicId,
            ContactName = ContactName?.Trim() is { Length: > 0 } n ? n : null, ContactPhone = string.IsNullOrEmpty(phone) ? null : phone,
            CheckInSecret = RandomNumberGenerator.GetBytes(32), CreatedAt = now, CreatedBy = by,
        };
    }
}
