using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Qingyun.Data;
using Qingyun.Domain.Access;

namespace Qingyun.Security;

public static class SecuritySetup
{
    public const string SmartScheme = "CookieOrToken";

    public static WebApplicationBuilder AddQingyunSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CurrentScope>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<TokenUsage>();
        services.AddSingleton<TokenReader>();
        services.AddHostedService<TokenUsageJob>();
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            return SensitiveDataKeys.From(config, DataSetup.IsSqlite(config) ? DataSetup.DataFolder(config) : null);
        });
        services.AddSingleton(sp => new SensitiveData(sp.GetRequiredService<SensitiveDataKeys>()));

        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/error/403";
            o.Cookie.Name = "qingyun.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            // Tokens are for machine clients of /api only: a token never drives the pages (where it
            // could, say, mint itself a longer-lived token).
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api")
                && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);

        services.AddAuthorization(o =>
        {
            foreach (var p in Enum.GetValues<Permission>())
            {
                o.AddPolicy(RequirePermissionAttribute.PolicyName(p), policy =>
                    policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(p)));
            }
        });
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();

        services.AddDataProtection()
            .SetApplicationName("Qingyun")
            .PersistKeysToDbContext<AppDbContext>();
        return builder;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UseQingyunSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<ScopeMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
