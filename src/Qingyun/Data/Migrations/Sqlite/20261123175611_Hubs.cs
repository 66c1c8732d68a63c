using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Qingyun.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Hubs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AttendanceMode",
                table: "Activities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Audience",
                table: "Activities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Capacity",
                table: "Activities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CategoryId",
                table: "Activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Headcount",
                table: "Activities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxAge",
                table: "Activities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MenuItemId",
                table: "Activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinAge",
                table: "Activities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Price",
                table: "Activities",
                type: "TEXT",
                precision: 10,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PriceBand",
                table: "Activities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Registered",
                table: "Activities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Report",
                table: "Activities",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReportedAt",
                table: "Activities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedBy",
                table: "Activities",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SeriesId",
                table: "Activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TeacherId",
                table: "Activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ThemeId",
                table: "Activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TopicId",
                table: "Activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActivityCategories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivityFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivityFeedback_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActivityFeedback_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActivityPhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Caption = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivityPhotos_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Hubs",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Grade = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OpeningHours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ManagingUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ManagerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ManagerPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Introduction = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    VolunteerTeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Hubs", x => x.UnitId);
                    table.ForeignKey(
                        name: "FK_Hubs_OrgUnits_ManagingUnitId",
                        column: x => x.ManagingUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Hubs_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Hubs_VolunteerTeams_VolunteerTeamId",
                        column: x => x.VolunteerTeamId,
                        principalTable: "VolunteerTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Participations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Participations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Participations_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Participations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PublicHolidays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicHolidays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "QuarterThemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PlannedActivities = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedPersonTimes = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarterThemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuarterThemes_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Registrations_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Registrations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Teachers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Institution = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Expertise = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PhoneCipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teachers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Teachers_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Topics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeacherId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ArchivedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Topics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Topics_ActivityCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ActivityCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Topics_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Topics_Teachers_TeacherId",
                        column: x => x.TeacherId,
                        principalTable: "Teachers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActivitySeries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeacherId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TopicId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    Weekday = table.Column<int>(type: "INTEGER", nullable: true),
                    DayOfMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SkipHolidays = table.Column<bool>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivitySeries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivitySeries_ActivityCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ActivityCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActivitySeries_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActivitySeries_Teachers_TeacherId",
                        column: x => x.TeacherId,
                        principalTable: "Teachers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActivitySeries_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MenuItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TopicId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeacherId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MinParticipants = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxParticipants = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceBand = table.Column<int>(type: "INTEGER", nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    OrderDeadline = table.Column<long>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Ordered = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MenuItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MenuItems_Activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "Activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MenuItems_ActivityCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ActivityCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MenuItems_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MenuItems_Teachers_TeacherId",
                        column: x => x.TeacherId,
                        principalTable: "Teachers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MenuItems_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MenuOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MenuItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MenuOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MenuOrders_MenuItems_MenuItemId",
                        column: x => x.MenuItemId,
                        principalTable: "MenuItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MenuOrders_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ActivityCategories",
                columns: new[] { "Id", "ArchivedAt", "Name", "NameEn", "SortOrder" },
                values: new object[,]
                {
                    { new Guid("0197a000-0000-7000-8000-000000000001"), null, "讲座", "Lecture", 10 },
                    { new Guid("0197a000-0000-7000-8000-000000000002"), null, "联谊交友", "Social / dating", 20 },
                    { new Guid("0197a000-0000-7000-8000-000000000003"), null, "自护教育", "Self-protection", 30 },
                    { new Guid("0197a000-0000-7000-8000-000000000004"), null, "DIY手工", "DIY / craft", 40 },
                    { new Guid("0197a000-0000-7000-8000-000000000005"), null, "体育运动", "Sports", 50 },
                    { new Guid("0197a000-0000-7000-8000-000000000006"), null, "志愿服务", "Volunteer action", 60 },
                    { new Guid("0197a000-0000-7000-8000-000000000007"), null, "电影放映", "Film", 70 },
                    { new Guid("0197a000-0000-7000-8000-000000000008"), null, "瑜伽健康", "Yoga / health", 80 },
                    { new Guid("0197a000-0000-7000-8000-000000000009"), null, "技能培训", "Training", 90 },
                    { new Guid("0197a000-0000-7000-8000-00000000000a"), null, "主题团日", "Theme League day", 100 },
                    { new Guid("0197a000-0000-7000-8000-00000000000b"), null, "其他", "Other", 110 }
                });

            migrationBuilder.InsertData(
                table: "PublicHolidays",
                columns: new[] { "Date", "Name" },
                values: new object[,]
                {
                    { new DateOnly(2026, 1, 1), "元旦" },
                    { new DateOnly(2026, 1, 2), "元旦" },
                    { new DateOnly(2026, 1, 3), "元旦" },
                    { new DateOnly(2026, 2, 15), "春节" },
                    { new DateOnly(2026, 2, 16), "春节" },
                    { new DateOnly(2026, 2, 17), "春节" },
                    { new DateOnly(2026, 2, 18), "春节" },
                    { new DateOnly(2026, 2, 19), "春节" },
                    { new DateOnly(2026, 2, 20), "春节" },
                    { new DateOnly(2026, 2, 21), "春节" },
                    { new DateOnly(2026, 2, 22), "春节" },
                    { new DateOnly(2026, 2, 23), "春节" },
                    { new DateOnly(2026, 4, 4), "清明节" },
                    { new DateOnly(2026, 4, 5), "清明节" },
                    { new DateOnly(2026, 4, 6), "清明节" },
                    { new DateOnly(2026, 5, 1), "劳动节" },
                    { new DateOnly(2026, 5, 2), "劳动节" },
                    { new DateOnly(2026, 5, 3), "劳动节" },
                    { new DateOnly(2026, 5, 4), "劳动节" },
                    { new DateOnly(2026, 5, 5), "劳动节" },
                    { new DateOnly(2026, 6, 19), "端午节" },
                    { new DateOnly(2026, 6, 20), "端午节" },
                    { new DateOnly(2026, 6, 21), "端午节" },
                    { new DateOnly(2026, 9, 25), "中秋节" },
                    { new DateOnly(2026, 9, 26), "中秋节" },
                    { new DateOnly(2026, 9, 27), "中秋节" },
                    { new DateOnly(2026, 10, 1), "国庆节" },
                    { new DateOnly(2026, 10, 2), "国庆节" },
                    { new DateOnly(2026, 10, 3), "国庆节" },
                    { new DateOnly(2026, 10, 4), "国庆节" },
                    { new DateOnly(2026, 10, 5), "国庆节" },
                    { new DateOnly(2026, 10, 6), "国庆节" },
                    { new DateOnly(2026, 10, 7), "国庆节" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_CategoryId",
                table: "Activities",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_Kind_StartsAt",
                table: "Activities",
                columns: new[] { "Kind", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_MenuItemId",
                table: "Activities",
                column: "MenuItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_SeriesId",
                table: "Activities",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_TeacherId",
                table: "Activities",
                column: "TeacherId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_ThemeId",
                table: "Activities",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_TopicId",
                table: "Activities",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityCategories_Name",
                table: "ActivityCategories",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivityFeedback_ActivityId_PersonId",
                table: "ActivityFeedback",
                columns: new[] { "ActivityId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivityFeedback_PersonId",
                table: "ActivityFeedback",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityPhotos_ActivityId",
                table: "ActivityPhotos",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitySeries_CategoryId",
                table: "ActivitySeries",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitySeries_TeacherId",
                table: "ActivitySeries",
                column: "TeacherId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitySeries_TopicId",
                table: "ActivitySeries",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivitySeries_UnitId",
                table: "ActivitySeries",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Hubs_ManagingUnitId",
                table: "Hubs",
                column: "ManagingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Hubs_VolunteerTeamId",
                table: "Hubs",
                column: "VolunteerTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_MenuItems_ActivityId",
                table: "MenuItems",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_MenuItems_CategoryId",
                table: "MenuItems",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_MenuItems_State_OrderDeadline",
                table: "MenuItems",
                columns: new[] { "State", "OrderDeadline" });

            migrationBuilder.CreateIndex(
                name: "IX_MenuItems_TeacherId",
                table: "MenuItems",
                column: "TeacherId");

            migrationBuilder.CreateIndex(
                name: "IX_MenuItems_TopicId",
                table: "MenuItems",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_MenuItems_UnitId_OrderDeadline",
                table: "MenuItems",
                columns: new[] { "UnitId", "OrderDeadline" });

            migrationBuilder.CreateIndex(
                name: "IX_MenuOrders_OneLivePerItem",
                table: "MenuOrders",
                columns: new[] { "MenuItemId", "PersonId" },
                unique: true,
                filter: "\"State\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_MenuOrders_PersonId_OrderedAt",
                table: "MenuOrders",
                columns: new[] { "PersonId", "OrderedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Participations_ActivityId_PersonId",
                table: "Participations",
                columns: new[] { "ActivityId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Participations_PersonId_At",
                table: "Participations",
                columns: new[] { "PersonId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_QuarterThemes_UnitId_Year_Quarter",
                table: "QuarterThemes",
                columns: new[] { "UnitId", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_OneLivePerActivity",
                table: "Registrations",
                columns: new[] { "ActivityId", "PersonId" },
                unique: true,
                filter: "\"State\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_PersonId_RegisteredAt",
                table: "Registrations",
                columns: new[] { "PersonId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Teachers_UnitId",
                table: "Teachers",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Topics_CategoryId",
                table: "Topics",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Topics_TeacherId",
                table: "Topics",
                column: "TeacherId");

            migrationBuilder.CreateIndex(
                name: "IX_Topics_UnitId",
                table: "Topics",
                column: "UnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_Activities_ActivityCategories_CategoryId",
                table: "Activities",
                column: "CategoryId",
                principalTable: "ActivityCategories",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Activities_ActivitySeries_SeriesId",
                table: "Activities",
                column: "SeriesId",
                principalTable: "ActivitySeries",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Activities_QuarterThemes_ThemeId",
                table: "Activities",
                column: "ThemeId",
                principalTable: "QuarterThemes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Activities_Teachers_TeacherId",
                table: "Activities",
                column: "TeacherId",
                principalTable: "Teachers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Activities_Topics_TopicId",
                table: "Activities",
                column: "TopicId",
                principalTable: "Topics",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Activities_ActivityCategories_CategoryId",
                table: "Activities");

            migrationBuilder.DropForeignKey(
                name: "FK_Activities_ActivitySeries_SeriesId",
                table: "Activities");

            migrationBuilder.DropForeignKey(
                name: "FK_Activities_QuarterThemes_ThemeId",
                table: "Activities");

            migrationBuilder.DropForeignKey(
                name: "FK_Activities_Teachers_TeacherId",
                table: "Activities");

            migrationBuilder.DropForeignKey(
                name: "FK_Activities_Topics_TopicId",
                table: "Activities");

            migrationBuilder.DropTable(
                name: "ActivityFeedback");

            migrationBuilder.DropTable(
                name: "ActivityPhotos");

            migrationBuilder.DropTable(
                name: "ActivitySeries");

            migrationBuilder.DropTable(
                name: "Hubs");

            migrationBuilder.DropTable(
                name: "MenuOrders");

            migrationBuilder.DropTable(
                name: "Participations");

            migrationBuilder.DropTable(
                name: "PublicHolidays");

            migrationBuilder.DropTable(
                name: "QuarterThemes");

            migrationBuilder.DropTable(
                name: "Registrations");

            migrationBuilder.DropTable(
                name: "MenuItems");

            migrationBuilder.DropTable(
                name: "Topics");

            migrationBuilder.DropTable(
                name: "ActivityCategories");

            migrationBuilder.DropTable(
                name: "Teachers");

            migrationBuilder.DropIndex(
                name: "IX_Activities_CategoryId",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_Kind_StartsAt",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_MenuItemId",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_SeriesId",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_TeacherId",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_ThemeId",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_TopicId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "AttendanceMode",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Capacity",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "CategoryId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Headcount",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "MaxAge",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "MenuItemId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "MinAge",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Price",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "PriceBand",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Registered",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "Report",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ReportedAt",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ReportedBy",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "TeacherId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "ThemeId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "TopicId",
                table: "Activities");
        }
    }
}
