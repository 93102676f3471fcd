using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Vetting.Data.Migrations
{
    /// <inheritdoc />
    public partial class CadreFileSex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Sex",
                table: "cadre_files",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Sex",
                table: "cadre_files");
        }
    }
}
