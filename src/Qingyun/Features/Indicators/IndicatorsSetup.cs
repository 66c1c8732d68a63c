namespace Qingyun.Features.Indicators;

/// <summary>Indicators, targets, dashboards and the annual work summary (decision 014).</summary>
public static partial class IndicatorsSetup
{
    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        services.AddScoped<FigureReader>();
        services.AddHostedService<FiguresJob>();
        return services;
    }
}
