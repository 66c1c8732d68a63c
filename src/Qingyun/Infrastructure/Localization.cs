using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Resources;

namespace Qingyun.Infrastructure;

public static class Localization
{
    public static readonly CultureInfo Chinese = new("zh-CN");
    public static readonly CultureInfo English = new("en");
    public static readonly CultureInfo[] Supported = [Chinese, English];
    public static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static IServiceCollection AddQingyunLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Chinese);
            o.SupportedCultures = Supported;
            o.SupportedUICultures = Supported;
            // Chinese unless the user picked English (cookie) or asked for it (?culture=en);
            // the browser's Accept-Language is not trusted to override the zh-CN default.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>"名称：不能超过 100 个字符" — the field, then the rule, in the current language.</summary>
    public static string Describe(this IStringLocalizer<SharedResource> t, Failure f) =>
        $"{t["Field." + (f.Label ?? f.Field)]}{t["Common.FieldSeparator"]}{t["Error." + f.MessageKey, f.Args]}";

    public static string ShowTime(this DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, ChinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Today's date in China: ages, join dates and "not in the future" are judged by it.</summary>
    public static DateOnly ChinaDate(this DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ChinaTime).DateTime);

    public static DateOnly ChinaToday(this TimeProvider clock) => clock.GetUtcNow().ChinaDate();

    /// <summary>The instant a China day begins, in UTC (what PostgreSQL compares with).</summary>
    public static DateTimeOffset ChinaStart(this DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>A string in a fixed language (official forms are Chinese whatever the reader chose).</summary>
    public static string WithCulture(this IStringLocalizer<SharedResource> t, CultureInfo culture, string key, params object[] args)
    {
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return args.Length == 0 ? t[key].Value : t[key, args].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    /// <summary>Yuan as Chinese documents write it: ¥1,234.50.</summary>
    public static string ShowMoney(this decimal yuan) => "¥" + yuan.ToString("N2", CultureInfo.InvariantCulture);

    public static string ShowDate(this DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
