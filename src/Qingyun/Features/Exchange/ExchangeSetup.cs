using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Exchange;

/// <summary>Data shared with other volunteer platforms: exports in the national standard's fields, imports of service records.</summary>
public static class ExchangeSetup
{
    public static IServiceCollection AddExchange(this IServiceCollection services)
    {
        services.AddScoped<ExportData>();
        services.AddScoped<ImportRecords.Handler>();
        return services;
    }

    /// <summary>The outcome of an import as the API and the page's script see it; problems carry their record number.</summary>
    public static object Show(ImportRecords.Outcome o, IStringLocalizer<SharedResource> t) => new
    {
        rows = o.Rows,
        added = o.Added,
        alreadyImported = o.AlreadyImported,
        errors = Errors(o, t),
    };

    public static IEnumerable<object> Errors(ImportRecords.Outcome o, IStringLocalizer<SharedResource> t) =>
        o.Failures.Select(f => new { row = f.Row, field = f.Failure.Field, message = Describe(f, t) });

    public static string Describe(ImportRecords.RowFailure f, IStringLocalizer<SharedResource> t) =>
        f.Row == 0 ? t.Describe(f.Failure) : t["Exchange.RowError", f.Row, t.Describe(f.Failure)].Value;

    public static WebApplication MapExchangeApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/exchange").WithTags("Exchange");

        api.MapGet("/{dataset}.{format}", async (string dataset, string format, Guid? unitId, DateOnly? from, DateOnly? to, ExportData export,
            IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await export.PrepareAsync(dataset, format, unitId, from, to, ct);
            if (!r.Ok)
            {
                return r.Failures.ToProblem(t);
            }
            var e = r.Value!;
            return Results.Stream(stream => export.WriteAsync(e, stream, ct), e.ContentType, e.FileName);
        }).RequirePermission(Permission.ServiceRead).WithName("ExportExchangeData")
          .WithSummary("Exports a dataset of the national volunteer-information standard in the caller's scope: `dataset` = volunteers, teams, "
              + "projects, records, training, commendations or certificates; `format` = csv (UTF-8 with BOM, Chinese headers) or json "
              + "({ dataset, standard, exportedAt, fields, items } with stable English field names; `fields` maps each to its Chinese name). "
              + "Optional `unitId` (a subtree in scope) and, for records, training, commendations and certificates, `from`/`to` dates. "
              + "Streams; ID numbers never leave, phones leave masked.");

        api.MapPost("/records", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, ImportRecords.Handler handler,
            IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            // Token callers send no cookies; a browser session calling the API must carry the antiforgery header.
            if (http.User.Identity?.AuthenticationType != TokenAuthenticationHandler.SchemeName && !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: t["Error.Antiforgery"]);
            }
            FormFields f;
            try
            {
                f = await FormFields.ReadAsync(http.Request, ct);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // A multipart body that is cut short or has no parts: there is no file in it.
                return new[] { Domain.Failure.Required("File") }.ToProblem(t);
            }
            if (f.File("file") is not { Length: > 0 } file)
            {
                return new[] { Domain.Failure.Required("File") }.ToProblem(t);
            }
            if (file.Length > ImportRecords.MaxBytes)
            {
                return new[] { new Domain.Failure("File", "FileTooLarge", 400, ImportRecords.MaxBytes / 1_000_000) }.ToProblem(t);
            }
            await using var stream = file.OpenReadStream();
            var o = await handler.Handle(stream, file.FileName, ct);
            if (o.Ok)
            {
                return Results.Ok(Show(o, t));
            }
            return Results.Problem(statusCode: o.Status, title: t["Exchange.ImportRefused", o.Failures.Count],
                detail: string.Join("；", o.Failures.Take(20).Select(x => Describe(x, t))),
                extensions: new Dictionary<string, object?> { ["errors"] = Errors(o, t).ToList() });
        }).RequirePermission(Permission.ServiceManage).DisableAntiforgery().WithName("ImportExchangeRecords")
          .WithSummary("Imports service records from another platform (multipart, form field `file`, CSV or JSON). Fields: source, externalId, "
              + "volunteerNumber — or idNumber and name —, serviceDate, hours (0 < h ≤ 24), content, unitCode (a unit you manage). All records are "
              + "checked first: any invalid one and nothing is written (400/403 with every problem by record number). A record whose "
              + "(source, externalId) is already here is counted in `alreadyImported`, never added twice.");

        return app;
    }
}
