using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Exchange;

/// <summary>
/// Prepares an export: the dataset and format named in the URL, the optional subtree (checked against
/// the caller's ServiceRead scope: outside it is 404, as if it did not exist) and date range; audits
/// it; the rows are then written straight to the response.
/// </summary>
public sealed class ExportData(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public static readonly string[] Formats = ["csv", "json"];

    public sealed record Export(Dataset Dataset, string Format, ExportScope Scope, string FileName, DateTimeOffset At)
    {
        public string ContentType => Format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
    }

    public async Task<Result<Export>> PrepareAsync(string? dataset, string? format, Guid? unitId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var d = ExchangeDatasets.Find(dataset);
        var f = format?.ToLowerInvariant();
        if (d is null || f is null || !Formats.Contains(f))
        {
            return Failure.NotFound("Dataset");
        }
        string? lo = null, hi = null;
        string? unitCode = null;
        if (unitId is not null)
        {
            var unit = await db.UnitForAsync(unitId, Permission.ServiceRead, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<Export>.Fail(unit.Failures);
            }
            lo = unit.Value!.Path;
            hi = ScopeRanges.UpperBound(lo);
            unitCode = unit.Value.Code;
        }
        if (from is { } a && to is { } b && b < a)
        {
            return new Failure("To", "ToBeforeFrom");
        }
        var now = clock.GetUtcNow();
        await audit.RecordAsync(AuditAction.Export, "Exchange." + d.Name, null, unitId,
            changes: System.Text.Json.JsonSerializer.Serialize(new { dataset = d.Name, format = f, unitCode, from, to }), ct: ct);
        var name = $"{d.Name}{(unitCode is null ? "" : "-" + unitCode)}-{now.ChinaDate():yyyyMMdd}.{f}";
        var roots = lo is null && !db.Scope.Unrestricted ? db.Scope.PathsWith(Permission.ServiceRead) : null;
        return new Export(d, f, new ExportScope(lo, hi, roots, d.Dated ? from : null, d.Dated ? to : null), name, now);
    }

    public Task WriteAsync(Export e, Stream output, CancellationToken ct)
    {
        var rows = e.Dataset.Rows(db, e.Scope, ct);
        return e.Format == "csv"
            ? ExchangeWriter.WriteCsvAsync(output, e.Dataset.Columns, rows, ct)
            : ExchangeWriter.WriteJsonAsync(output, e.Dataset.Name, e.At, e.Dataset.Columns, rows, ct);
    }
}
