using Qingyun.Domain.Volunteering;

namespace Qingyun.Features.Volunteering;

public sealed class VolunteeringOptions
{
    /// <summary>Cumulative hours for one to five stars. Null means the defaults (the binder would append to an initialized array).</summary>
    public int[]? StarHours { get; set; }

    public int[] EffectiveStarHours => StarHours ?? StarLevels.DefaultHours;
}

public static partial class VolunteeringSetup
{
    public static IServiceCollection AddVolunteering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VolunteeringOptions>().Bind(configuration.GetSection("Volunteering"))
            .Validate(o => o.EffectiveStarHours is { Length: 5 } h && h[0] > 0 && h.Zip(h.Skip(1)).All(p => p.Second > p.First),
                "Volunteering:StarHours must be five increasing positive numbers of hours.")
            .ValidateOnStart();
        services.AddSingleton(sp => new StarLevels(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<VolunteeringOptions>>().Value.EffectiveStarHours));
        services.AddSingleton<ServiceLedger>();
        services.AddSingleton<CheckInCodes>();
        services.AddSingleton<CheckInWriter>();
        services.AddSingleton<GateReader>();
        services.AddScoped<RegisterVolunteer>();
        services.AddScoped<ActivityDesk>();
        services.AddScoped<SignUps>();
        services.AddScoped<AttendanceDesk>();
        services.AddScoped<HoursRecord>();
        services.AddScoped<Teams>();
        services.AddScoped<Serve.MyService>();
        services.AddScoped<IMessageSender, LocalMessageSender>();
        services.AddHostedService<ReminderJob>();
        return services;
    }
}
