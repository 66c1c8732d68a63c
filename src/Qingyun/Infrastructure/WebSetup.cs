using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using Qingyun.Resources;
using Scalar.AspNetCore;

namespace Qingyun.Infrastructure;

public static class WebSetup
{
    public static WebApplicationBuilder AddQingyunWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddQingyunLocalization();
        // Razor would otherwise write every Chinese character as &#x…; — pages triple in size.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)))
            .AddMvcOptions(o => o.ModelBindingMessageProvider.SetValueIsInvalidAccessor(v => $"“{v}” 格式不正确"));
        services.Configure<RazorViewEngineOptions>(o =>
        {
            o.PageViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
        });
        // Every ProblemDetails the framework writes itself (bad JSON, 401, 405…) gets a title in the user's language.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            var english = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
            if (string.IsNullOrEmpty(ctx.ProblemDetails.Title) || ctx.ProblemDetails.Title == english)
            {
                var t = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                ctx.ProblemDetails.Title = Title(t, status);
            }
            ctx.ProblemDetails.Extensions.Remove("exception");
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Chinese text stays readable in API responses instead of \uXXXX escapes.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        // Binding failures throw, so the API's problem names the field that could not be read.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "青云 Qingyun API";
            doc.Info.Description = "基层共青团工作平台的数据接口。用个人访问令牌调用：`Authorization: Bearer qy_…`（在“访问令牌”页面生成），令牌的权限与其账号相同。错误以 ProblemDetails 返回，消息为中文。";
            doc.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["Bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "个人访问令牌 / personal access token (qy_…)",
            };
            doc.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("Bearer", doc)] = [] }];
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        services.AddSingleton<ImportJobs>();
        return builder;
    }

    public static WebApplication UseQingyunWeb(this WebApplication app)
    {
        // First, so error pages and problems written on the way out are in the request's language too.
        app.UseRequestLocalization();
        // API callers get ProblemDetails with a Chinese title; people get a friendly page with the same status.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteApiProblem });
            api.UseStatusCodePages(ctx => WriteStatusProblem(ctx.HttpContext));
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = http =>
                {
                    var status = StatusFor(http.Features.Get<IExceptionHandlerFeature>()?.Error);
                    http.Response.Redirect($"/error/{status}");
                    return Task.CompletedTask;
                },
            });
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            await next(http);
        });
        app.UseStaticFiles();
        app.UseRouting();
        return app;
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    private static async Task WriteApiProblem(HttpContext http)
    {
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = StatusFor(error);
        http.Response.StatusCode = status;
        var field = status == StatusCodes.Status400BadRequest ? UnreadableField(error) : null;
        var detail = field is null ? null : $"{field}{t["Common.FieldSeparator"]}{t["Error.Unreadable"]}";
        await Results.Problem(title: Title(t, status), detail: detail, statusCode: status,
            extensions: field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail!] } })
            .ExecuteAsync(http);
    }

    /// <summary>The JSON property or query parameter a bad request could not be read from.</summary>
    private static string? UnreadableField(Exception? error)
    {
        if (error?.InnerException is System.Text.Json.JsonException json && !string.IsNullOrEmpty(json.Path) && json.Path != "$")
        {
            return json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
        }
        var bound = System.Text.RegularExpressions.Regex.Match(error?.Message ?? "", "parameter \"[^\"]*?(\\w+)\" from");
        return bound.Success ? bound.Groups[1].Value : null;
    }

    /// <summary>
    /// A unique index that refused a row two users raced to write is a conflict the user can act on,
    /// not a server error; a bad request body is the caller's.
    /// </summary>
    internal static int StatusFor(Exception? error) => error switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        Microsoft.EntityFrameworkCore.DbUpdateException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static Task WriteStatusProblem(HttpContext http)
    {
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var status = http.Response.StatusCode;
        return Results.Problem(title: Title(t, status), statusCode: status).ExecuteAsync(http);
    }

    private static string Title(IStringLocalizer<SharedResource> t, int status)
    {
        var title = t[$"Problem.Title.{status}"];
        return title.ResourceNotFound ? t[status >= 500 ? "Problem.Title.500" : "Problem.Title.400"] : title;
    }

    public static WebApplication MapQingyunWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Offline and intranet first: nothing on this page reaches out to the vendor's services.
        app.MapScalarApiReference("/api/docs", o => o
            .WithTitle("青云 Qingyun API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableAgent().DisableMcp().DisableTelemetry().DisableDefaultFonts()
            .HideClientButton().HideDeveloperTools().WithDotNetFlag(false)
            .AddPreferredSecuritySchemes("Bearer")).AllowAnonymous();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = DatabaseHealthCheck.WriteJson,
        }).AllowAnonymous();
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http) =>
        {
            var culture = name == "en" ? "en" : "zh-CN";
            http.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            var local = !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'));
            return Results.LocalRedirect(local ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
