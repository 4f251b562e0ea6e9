// The repository stands alone (issue 13 item 6): the README, every doc and every `--help` text
// point only at files inside the repository, never at the specification folders the project was
// written from (`../shared`, `spec/`, the data contract or indicator specification files by
// their outside names), and every `docs/....md` they name exists.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "e2e/e2e_support.hpp"

namespace nara::e2e {
namespace {

namespace fs = std::filesystem;

// References to files outside the repository, as the docs once wrote them.
const std::vector<std::pair<std::string, std::regex>>& OutsideReferences() {
  static const auto* kPatterns = new std::vector<std::pair<std::string, std::regex>>{
      {"../shared", std::regex(R"(\.\./shared|(^|[^A-Za-z0-9_])shared/)")},
      {"/work/", std::regex(R"(/work/)")},
      {"spec/", std::regex(R"((^|[^A-Za-z0-9_])spec/)")},
      {"data-contract", std::regex(R"(data-contract)")},
      // The indicator specification by its outside file name (the repository's pages are
      // docs/indicators/*.md, named with a path or by their own names).
      {"indicators.md", std::regex(R"((^|[^A-Za-z0-9_/.-])indicators\.md)")},
      {"glossary.md", std::regex(R"(glossary\.md)")},
      {"style.md", std::regex(R"((^|[^A-Za-z0-9_])style\.md)")},
      {"seeds/", std::regex(R"((^|[^A-Za-z0-9_])seeds/)")},
  };
  return *kPatterns;
}

// "file:line: matched text" for every outside reference in `text`.
std::vector<std::string> FindOutsideReferences(const std::string& name, const std::string& text) {
  std::vector<std::string> found;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    for (const auto& [label, pattern] : OutsideReferences()) {
      if (std::regex_search(line, pattern)) {
        found.push_back(name + ":" + std::to_string(number) + ": " + label + ": " + line);
      }
    }
    // "data contract §1.3" / "data contract section 4.2" must say which file it means: the
    // repository's docs/data_contract.md.
    static const std::regex kContractSection(R"(data contract,? (§|section )?[0-9])",
                                             std::regex::icase);
    if (std::regex_search(line, kContractSection) &&
        line.find("data_contract.md") == std::string::npos) {
      found.push_back(name + ":" + std::to_string(number) + ": data contract section: " + line);
    }
  }
  return found;
}

// Every `docs/....md` named in `text` that is not a file of the repository.
std::vector<std::string> FindMissingDocs(const std::string& name, const std::string& text) {
  static const std::regex kDoc(R"(docs/[A-Za-z0-9_/]+\.md)");
  std::vector<std::string> missing;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kDoc);
       it != std::sregex_iterator(); ++it) {
    if (!fs::exists(fs::path(NARA_SOURCE_DIR) / it->str())) {
      missing.push_back(name + ": " + it->str());
    }
  }
  return missing;
}

// The subcommands a `--help` text lists (CLI11: a "SUBCOMMANDS:" heading, then one indented
// line per subcommand).
std::vector<std::string> Subcommands(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help);
  std::string line;
  bool in_list = false;
  while (std::getline(lines, line)) {
    std::string upper = line;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper.rfind("SUBCOMMANDS", 0) == 0) {
      in_list = true;
      continue;
    }
    if (!in_list) continue;
    if (line.empty() || line[0] != ' ') {
      in_list = false;
      continue;
    }
    std::istringstream words(line);
    std::string word;
    if (words >> word) names.push_back(word);
  }
  return names;
}

// The scanners find what they must, or the tests below prove nothing.
TEST(StandsAloneTest, TheScannersFindOutsideReferences) {
  for (const char* text :
       {"see ../shared/spec/data-contract.md", "indicators.md §4", "(spec/indicators.md)",
        "/work/shared/guides/style.md", "seeds/001.txt", "the glossary.md terms",
        "Extract folder (data contract section 1)", "(data contract 4.2)", "indicators.md 8"}) {
    EXPECT_FALSE(FindOutsideReferences("t", text).empty()) << text;
  }
  for (const char* text : {"docs/indicators/definitions.md §4", "`docs/data_contract.md` §1.3",
                           "docs/indicators/readmission_30d.md", "the spec's 8 200 kr"}) {
    EXPECT_TRUE(FindOutsideReferences("t", text).empty()) << text;
  }
  EXPECT_THAT(FindMissingDocs("t", "see docs/nothing_here.md and docs/settlement.md"),
              ::testing::ElementsAre("t: docs/nothing_here.md"));
  EXPECT_THAT(Subcommands("nara\nSUBCOMMANDS:\n  check   Validate\n  settle  LOSUS\n\nx\n"),
              ::testing::ElementsAre("check", "settle"));
}

// Every Markdown file of the repository (build folders and node_modules left out).
TEST(StandsAloneTest, NoDocSendsTheReaderOutsideTheRepository) {
  const fs::path root(NARA_SOURCE_DIR);
  std::vector<std::string> problems;
  size_t files = 0;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string name = it->path().filename().string();
    if (it->is_directory() && (name == "node_modules" || name == ".git" || name == "dist" ||
                               name.rfind("build", 0) == 0)) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().extension() != ".md") continue;
    ++files;
    const std::string relative = fs::relative(it->path(), root).string();
    const std::string text = ReadFile(it->path());
    for (auto& found : FindOutsideReferences(relative, text)) problems.push_back(found);
    for (auto& found : FindMissingDocs(relative, text)) problems.push_back(found);
  }
  EXPECT_GT(files, 60u);
  EXPECT_TRUE(fs::exists(root / "docs" / "data_contract.md"));
  EXPECT_TRUE(fs::exists(root / "docs" / "indicators" / "definitions.md"));
  EXPECT_THAT(problems, ::testing::IsEmpty());
}

// `nara --help` and the help of every command and subcommand.
TEST(StandsAloneTest, NoHelpTextSendsTheReaderOutsideTheRepository) {
  std::vector<std::vector<std::string>> commands = {{}};
  std::vector<std::string> problems;
  size_t helps = 0;
  for (size_t i = 0; i < commands.size(); ++i) {
    std::vector<std::string> args = commands[i];
    args.push_back("--help");
    const auto run = RunNara(args);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    ++helps;
    std::string name = "nara";
    for (const auto& word : commands[i]) name += " " + word;
    // The usage line names the binary as it was started (its build path): not a reference.
    std::string text = run.out + run.err;
    for (size_t at = text.find(NARA_BINARY); at != std::string::npos;
         at = text.find(NARA_BINARY, at)) {
      text.replace(at, std::string_view(NARA_BINARY).size(), "nara");
    }
    for (auto& found : FindOutsideReferences(name + " --help", text)) {
      problems.push_back(found);
    }
    for (auto& found : FindMissingDocs(name + " --help", text)) {
      problems.push_back(found);
    }
    for (const std::string& sub : Subcommands(run.out)) {
      std::vector<std::string> next = commands[i];
      next.push_back(sub);
      commands.push_back(next);
    }
  }
  EXPECT_GT(helps, 10u);
  EXPECT_THAT(problems, ::testing::IsEmpty());
}

}  // namespace
}  // namespace nara::e2e
