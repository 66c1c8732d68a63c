using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;

namespace Qingyun.Features.Serve;

/// <summary>The registration form's profile part; tick boxes post one value per flag, summed here.</summary>
public sealed class ProfileForm
{
    public Skill Skills { get; set; }
    public Availability Availability { get; set; }
    public ServiceArea Areas { get; set; }
    public bool SensitiveConsent { get; set; }
    public string? GuardianName { get; set; }
    public string? GuardianPhone { get; set; }
    public bool GuardianConsent { get; set; }
    /// <summary>Shown to everyone registering themselves (the age is known only from the ID number); the handler asks it only under 18.</summary>
    public bool AskGuardian { get; set; } = true;

    public RegisterVolunteer.Profile ToProfile() => new(Skills, Availability, Areas, SensitiveConsent, GuardianName, GuardianPhone, GuardianConsent);

    /// <summary>Reads the ticked flags from the posted form (a list of ints per flag set).</summary>
    public static ProfileForm Read(IFormCollection form, bool askGuardian)
    {
        static T Flags<T>(IFormCollection f, string key) where T : struct, Enum =>
            (T)Enum.ToObject(typeof(T), f[key].Select(v => int.TryParse(v, out var i) ? i : 0).Aggregate(0, (a, b) => a | b));
        return new ProfileForm
        {
            Skills = Flags<Skill>(form, "Profile.Skills"),
            Availability = Flags<Availability>(form, "Profile.Availability"),
            Areas = Flags<ServiceArea>(form, "Profile.Areas"),
            SensitiveConsent = form["Profile.SensitiveConsent"].Contains("true"),
            GuardianName = form["Profile.GuardianName"].FirstOrDefault(),
            GuardianPhone = form["Profile.GuardianPhone"].FirstOrDefault(),
            GuardianConsent = form["Profile.GuardianConsent"].Contains("true"),
            AskGuardian = askGuardian,
        };
    }
}
