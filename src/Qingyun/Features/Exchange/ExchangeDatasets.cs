using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Exchange;

/// <summary>What an export reads: the caller's scope (the DbContext's filter), optionally one subtree and a date range.</summary>
/// <remarks>
/// The queries read past the scope filter (it would otherwise cut the joined names and units, and EF Core
/// lifts a filter for the whole query or not at all), so the scope is applied here, explicitly, on the
/// owning unit's path: the subtree <see cref="Lo"/>–<see cref="Hi"/> when a unit was named (already
/// checked to lie in scope), else the caller's <see cref="Roots"/>; neither only in system mode.
/// </remarks>
public sealed record ExportScope(string? Lo, string? Hi, string[]? Roots, DateOnly? From, DateOnly? To)
{
    /// <summary>The first instant of <see cref="From"/> in China, for time-stamped rows.</summary>
    public DateTimeOffset? FromInstant => From is { } d ? Start(d) : null;

    /// <summary>The first instant after <see cref="To"/> in China.</summary>
    public DateTimeOffset? ToInstant => To is { } d ? Start(d.AddDays(1)) : null;

    private static DateTimeOffset Start(DateOnly d)
    {
        var local = d.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Localization.ChinaTime.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>A dataset of the exchange: its name in the URL, its fields, whether it takes from/to, and its rows.</summary>
public sealed record Dataset(string Name, IReadOnlyList<Column> Columns, bool Dated, Func<AppDbContext, ExportScope, CancellationToken, IAsyncEnumerable<object?[]>> Rows);

/// <summary>
/// The seven datasets of the national standard's information model (志愿者、志愿队伍、志愿服务项目、志愿服务记录、
/// 培训、表彰、证明). Rows come from the caller's scope only; ID numbers never leave, phones leave masked.
/// Each dataset streams in id order, one row at a time.
/// </summary>
public static class ExchangeDatasets
{
    private static readonly string[] ScopeOnly = [AppDbContext.ScopeFilter];

    public const string Standard = "志愿服务信息系统基本规范";

    public static readonly Dataset Volunteers = new("volunteers",
    [
        new("number", "志愿者编号"), new("name", "姓名"), new("gender", "性别"), new("birthYear", "出生年份"), new("phone", "联系电话"),
        new("serviceAreas", "服务类别"), new("skills", "专业技能"), new("registeredOn", "注册日期"), new("unitCode", "注册单位代码"),
        new("unitName", "注册单位"), new("serviceHours", "累计服务时长（小时）"), new("trainingHours", "培训时长（小时）"),
        new("stars", "星级"), new("status", "状态"),
    ], false, VolunteerRows);

    public static readonly Dataset Teams = new("teams",
    [
        new("id", "队伍编号"), new("name", "队伍名称"), new("serviceAreas", "服务类别"), new("unitCode", "所属单位代码"), new("unitName", "所属单位"),
        new("leader", "负责人"), new("description", "队伍简介"), new("foundedOn", "成立日期"), new("dissolvedOn", "解散日期"), new("members", "成员人数"),
    ], false, TeamRows);

    public static readonly Dataset Projects = new("projects",
    [
        new("projectId", "项目编号"), new("projectName", "项目名称"), new("serviceArea", "服务类别"), new("unitCode", "发布单位代码"),
        new("unitName", "发布单位"), new("projectStartsOn", "项目开始日期"), new("projectEndsOn", "项目结束日期"), new("projectState", "项目状态"),
        new("activityId", "活动编号"), new("activityTitle", "活动名称"), new("place", "活动地点"), new("activityStartsAt", "活动开始时间"),
        new("activityEndsAt", "活动结束时间"), new("activityState", "活动状态"),
    ], false, ProjectRows);

    public static readonly Dataset Records = new("records",
    [
        new("id", "记录编号"), new("volunteerNumber", "志愿者编号"), new("serviceDate", "服务日期"), new("hours", "服务时长（小时）"),
        new("content", "服务内容"), new("unitCode", "记录单位代码"), new("unitName", "记录单位"), new("recordedBy", "记录人"),
        new("recordedAt", "记录时间"), new("kind", "记录类型"), new("reverses", "冲销记录"), new("source", "来源平台"),
        new("externalId", "外部编号"), new("activityId", "活动编号"), new("sequence", "序号"), new("hash", "哈希"),
    ], true, RecordRows);

    public static readonly Dataset Training = new("training",
    [
        new("id", "记录编号"), new("volunteerNumber", "志愿者编号"), new("courseName", "培训课程"), new("unitCode", "培训单位代码"),
        new("unitName", "培训单位"), new("trainedOn", "培训日期"), new("startsAt", "开始时间"), new("endsAt", "结束时间"),
        new("hours", "培训时长（小时）"), new("attended", "是否参加"), new("completed", "是否结业"),
    ], true, TrainingRows);

    public static readonly Dataset Commendations = new("commendations",
    [
        new("id", "表彰编号"), new("volunteerNumber", "志愿者编号"), new("title", "表彰名称"), new("awardedOn", "表彰日期"),
        new("unitCode", "表彰单位代码"), new("unitName", "表彰单位"), new("note", "说明"),
    ], true, CommendationRows);

    public static readonly Dataset Certificates = new("certificates",
    [
        new("number", "证明编号"), new("volunteerNumber", "志愿者编号"), new("hours", "服务时长（小时）"), new("entries", "记录条数"),
        new("fromDate", "服务起始日期"), new("toDate", "服务截止日期"), new("content", "服务内容"), new("issuer", "出具单位"),
        new("unitCode", "出具单位代码"), new("issuedOn", "出具日期"), new("revoked", "是否撤销"), new("revokedAt", "撤销时间"),
    ], true, CertificateRows);

    public static readonly IReadOnlyList<Dataset> All = [Volunteers, Teams, Projects, Records, Training, Commendations, Certificates];

    public static Dataset? Find(string? name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    private static async IAsyncEnumerable<object?[]> VolunteerRows(AppDbContext db, ExportScope s, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = from v in db.Volunteers.IgnoreQueryFilters(ScopeOnly).AsNoTracking()
                join p in db.People.IgnoreQueryFilters(ScopeOnly) on v.PersonId equals p.Id
                join u in db.OrgUnits.IgnoreQueryFilters(ScopeOnly) on v.UnitId equals u.Id
                select new
                {
                    v.Id, v.Number, p.Name, p.Gender, p.BirthDate, p.PhoneMasked, v.ServiceAreas, v.Skills, v.RegisteredAt, u.Code, UnitName = u.Name, u.Path,
                    v.ConfirmedMinutes, v.TrainingMinutes, v.Stars, v.Status,
                };
        if (s.Lo is { } lo && s.Hi is { } hi)
        {
            q = q.Where(x => string.Compare(x.Path, lo) >= 0 && string.Compare(x.Path, hi) < 0);
        }
        else if (s.Roots is { } roots)
        {
            q = q.Where(x => roots.Any(r => x.Path.StartsWith(r)));
        }
        await foreach (var x in q.OrderBy(x => x.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return
            [
                x.Number, x.Name, ExchangeCodes.Of(x.Gender), x.BirthDate.Year, x.PhoneMasked, ExchangeCodes.Of(x.ServiceAreas), ExchangeCodes.Of(x.Skills),
                x.RegisteredAt.ChinaDate(), x.Code, x.UnitName, ExchangeCodes.Hours(x.ConfirmedMinutes), ExchangeCodes.Hours(x.TrainingMinutes), x.Stars,
                ExchangeCodes.Of(x.Status),
            ];
        }
    }

    private static async IAsyncEnumerable<object?[]> TeamRows(AppDbContext db, ExportScope s, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = from t in db.VolunteerTeams.IgnoreQueryFilters(ScopeOnly).AsNoTracking()
                join u in db.OrgUnits.IgnoreQueryFilters(ScopeOnly) on t.UnitId equals u.Id
                select new
                {
                    t.Id, t.Name, t.ServiceAreas, u.Code, UnitName = u.Name, u.Path, t.LeaderName, t.Description, t.CreatedAt, t.DissolvedAt,
                    Members = db.TeamMembers.IgnoreQueryFilters(ScopeOnly).Count(m => m.TeamId == t.Id && m.LeftAt == null),
                };
        if (s.Lo is { } lo && s.Hi is { } hi)
        {
            q = q.Where(x => string.Compare(x.Path, lo) >= 0 && string.Compare(x.Path, hi) < 0);
        }
        else if (s.Roots is { } roots)
        {
            q = q.Where(x => roots.Any(r => x.Path.StartsWith(r)));
        }
        await foreach (var x in q.OrderBy(x => x.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return
            [
                x.Id, x.Name, ExchangeCodes.Of(x.ServiceAreas), x.Code, x.UnitName, x.LeaderName, x.Description, x.CreatedAt.ChinaDate(),
                x.DissolvedAt?.ChinaDate(), x.Members,
            ];
        }
    }

    private static async IAsyncEnumerable<object?[]> ProjectRows(AppDbContext db, ExportScope s, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = from p in db.ServiceProjects.IgnoreQueryFilters(ScopeOnly).AsNoTracking()
                join u in db.OrgUnits.IgnoreQueryFilters(ScopeOnly) on p.UnitId equals u.Id
                join a in db.Activities.IgnoreQueryFilters(ScopeOnly).AsNoTracking() on (Guid?)p.Id equals a.ProjectId into activities
                from a in activities.DefaultIfEmpty()
                select new
                {
                    p.Id, p.Name, p.Area, u.Code, UnitName = u.Name, u.Path, p.StartsOn, p.EndsOn, p.State,
                    ActivityId = (Guid?)a!.Id, a.Title, a.Place, StartsAt = (DateTimeOffset?)a.StartsAt, EndsAt = (DateTimeOffset?)a.EndsAt,
                    ActivityState = (Domain.Activities.ActivityState?)a.State,
                };
        if (s.Lo is { } lo && s.Hi is { } hi)
        {
            q = q.Where(x => string.Compare(x.Path, lo) >= 0 && string.Compare(x.Path, hi) < 0);
        }
        else if (s.Roots is { } roots)
        {
            q = q.Where(x => roots.Any(r => x.Path.StartsWith(r)));
        }
        await foreach (var x in q.OrderBy(x => x.Id).ThenBy(x => x.StartsAt).ThenBy(x => x.ActivityId).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return
            [
                x.Id, x.Name, ExchangeCodes.Of(x.Area), x.Code, x.UnitName, x.StartsOn, x.EndsOn, ExchangeCodes.Of(x.State),
                x.ActivityId, x.Title, x.Place, x.StartsAt, x.EndsAt, x.ActivityState is { } st ? ExchangeCodes.Of(st) : null,
            ];
        }
    }

    private static async IAsyncEnumerable<object?[]> RecordRows(AppDbContext db, ExportScope s, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = from e in db.ServiceEntries.IgnoreQueryFilters(ScopeOnly).AsNoTracking()
                join v in db.Volunteers.IgnoreQueryFilters(ScopeOnly) on e.VolunteerId equals v.Id
                join u in db.OrgUnits.IgnoreQueryFilters(ScopeOnly) on e.UnitId equals u.Id
                select new { e, v.Number, u.Code, UnitName = u.Name, u.Path };
        if (s.Lo is { } lo && s.Hi is { } hi)
        {
            q = q.Where(x => string.Compare(x.Path, lo) >= 0 && string.Compare(x.Path, hi) < 0);
        }
        else if (s.Roots is { } roots)
        {
            q = q.Where(x => roots.Any(r => x.Path.StartsWith(r)));
        }
        if (s.From is { } from)
        {
            q = q.Where(x => x.e.ServiceDate >= from);
        }
        if (s.To is { } to)
        {
            q = q.Where(x => x.e.ServiceDate <= to);
        }
        await foreach (var x in q.OrderBy(x => x.e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            var e = x.e;
            yield return
            [
                e.Id, x.Number, e.ServiceDate, ExchangeCodes.Hours(e.Minutes), e.Content, x.Code, x.UnitName, e.RecordedBy, e.RecordedAt,
                ExchangeCodes.Of(e.Kind), e.ReversesEntryId, e.Source, e.ExternalId, e.ActivityId, e.Sequence, e.Hash,
            ];
        }
    }

    private static async IAsyncEnumerable<object?[]> TrainingRows(AppDbContext db, ExportScope s, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = from r in db.TrainingRecords.IgnoreQueryFilters(ScopeOnly).AsNoTracking()
                join t in db.TrainingSessions.IgnoreQueryFilters(ScopeOnly) on r.SessionId equals t.Id
                join c in db.Courses.IgnoreQueryFilters(ScopeOnly) on r.CourseId equals c.Id
                join v in db.Volunteers.IgnoreQueryFilters(ScopeOnly) on r.VolunteerId equals v.Id
                join u in db.OrgUnits.IgnoreQueryFilters(ScopeOnly) on r.UnitId equals u.Id
                select new { r.Id, v.Number, CourseName = c.Name, u.Code, UnitName = u.Name, u.Path, t.StartsAt, t.EndsAt, r.Minutes, r.Attended, r.Completed };
        if (s.Lo is { } lo && s.Hi is { } hi)
        {
            q = q.Where(x => string.Compare(x.Path, lo) >= 0 && string.Compare(x.Path, hi) < 0);
        }
        else if (s.Roots is { } roots)
        {
            q = q.Where(x => roots.Any(r => x.Path.StartsWith(r)));
        }
        if (s.FromInstant is { } from)
        {
            q = q.Where(x => x.StartsAt >= from);
        }
        if (s.ToInstant is { } to)
        {
            q = q.Where(x => x.StartsAt < to);
        }
        await foreach (var x in q.OrderBy(x => x.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return
            [
                x.Id, x.Number, x.CourseName, x.Code, x.UnitName, x.StartsAt.ChinaDate(), x.StartsAt, x.EndsAt, ExchangeCodes.Hours(x.Minutes),
                x.Attended, x.Completed,
            ];
        }
    }

    private static async IAsyncEnumerable<object?[]> CommendationRows(AppDbContext db, ExportScope s, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = from c in db.Commendations.IgnoreQueryFilters(ScopeOnly).AsNoTracking()
                join v in db.Volunteers.IgnoreQueryFilters(ScopeOnly) on c.VolunteerId equals v.Id
                join u in db.OrgUnits.IgnoreQueryFilters(ScopeOnly) on c.UnitId equals u.Id
                select new { c.Id, v.Number, c.Title, c.AwardedOn, u.Code, UnitName = u.Name, u.Path, c.Note };
        if (s.Lo is { } lo && s.Hi is { } hi)
        {
            q = q.Where(x => string.Compare(x.Path, lo) >= 0 && string.Compare(x.Path, hi) < 0);
        }
        else if (s.Roots is { } roots)
        {
            q = q.Where(x => roots.Any(r => x.Path.StartsWith(r)));
        }
        if (s.From is { } from)
        {
            q = q.Where(x => x.AwardedOn >= from);
        }
        if (s.To is { } to)
        {
            q = q.Where(x => x.AwardedOn <= to);
        }
        await foreach (var x in q.OrderBy(x => x.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return [x.Id, x.Number, x.Title, x.AwardedOn, x.Code, x.UnitName, x.Note];
        }
    }

    private static async IAsyncEnumerable<object?[]> CertificateRows(AppDbContext db, ExportScope s, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = from c in db.Certificates.IgnoreQueryFilters(ScopeOnly).AsNoTracking()
                join u in db.OrgUnits.IgnoreQueryFilters(ScopeOnly) on c.UnitId equals u.Id
                select new
                {
                    c.Id, c.Number, c.VolunteerNumber, c.Minutes, c.EntryCount, c.FromDate, c.ToDate, c.Content, c.IssuerName, u.Code, u.Path,
                    c.IssuedOn, c.RevokedAt,
                };
        if (s.Lo is { } lo && s.Hi is { } hi)
        {
            q = q.Where(x => string.Compare(x.Path, lo) >= 0 && string.Compare(x.Path, hi) < 0);
        }
        else if (s.Roots is { } roots)
        {
            q = q.Where(x => roots.Any(r => x.Path.StartsWith(r)));
        }
        if (s.From is { } from)
        {
            q = q.Where(x => x.IssuedOn >= from);
        }
        if (s.To is { } to)
        {
            q = q.Where(x => x.IssuedOn <= to);
        }
        await foreach (var x in q.OrderBy(x => x.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return
            [
                x.Number, x.VolunteerNumber, ExchangeCodes.Hours(x.Minutes), x.EntryCount, x.FromDate, x.ToDate, x.Content, x.IssuerName, x.Code,
                x.IssuedOn, x.RevokedAt is not null, x.RevokedAt,
            ];
        }
    }
}
