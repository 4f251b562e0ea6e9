// `nara user add NAME --role region|municipality:CODE --users FILE [--password-stdin]` and
// `nara user remove NAME --users FILE` (docs/access.md).
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "server/users.hpp"

namespace nara::cli {
namespace {

struct UserOptions {
  std::string name;
  std::string role;
  std::string users_path;
  bool password_stdin = false;
};

// Reads one line from the terminal with echo off.
std::string PromptHidden(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  termios old_settings{};
  tcgetattr(STDIN_FILENO, &old_settings);
  termios quiet = old_settings;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old_settings);
  std::fprintf(stderr, "\n");
  return line;
}

Result<std::string> ReadPassword(bool from_stdin) {
  std::string password;
  if (from_stdin) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
  }
  if (isatty(STDIN_FILENO) == 0) {
    return UsageError("no terminal to prompt for the password: pass --password-stdin");
  }
  password = PromptHidden("Password: ");
  if (PromptHidden("Again: ") != password) return UsageError("the passwords differ");
  return password;
}

Result<int> RunAdd(const UserOptions& options) {
  NARA_ASSIGN_OR_RETURN(auto principal, server::ParseRole(options.name, options.role));
  NARA_ASSIGN_OR_RETURN(auto users, server::Users::Load(options.users_path));
  NARA_ASSIGN_OR_RETURN(auto password, ReadPassword(options.password_stdin));
  NARA_RETURN_IF_ERROR(users.Add(principal, password));
  NARA_RETURN_IF_ERROR(users.Save(options.users_path));
  std::fprintf(stderr, "nara user: %s (%s) saved in %s\n", options.name.c_str(),
               server::RoleText(principal).c_str(), options.users_path.c_str());
  return kExitOk;
}

Result<int> RunRemove(const UserOptions& options) {
  NARA_ASSIGN_OR_RETURN(auto users, server::Users::Load(options.users_path));
  if (!users.Remove(options.name)) {
    return NotFound("no user '" + options.name + "' in " + options.users_path);
  }
  NARA_RETURN_IF_ERROR(users.Save(options.users_path));
  std::fprintf(stderr,
               "nara user: %s removed from %s (their sessions end when the server "
               "restarts)\n",
               options.name.c_str(), options.users_path.c_str());
  return kExitOk;
}

}  // namespace

Command AddUserCommand(CLI::App& root) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* app = root.add_subcommand("user", "Manage the users of 'nara serve'");
  app->require_subcommand(1);
  CLI::App* add = app->add_subcommand("add", "Add a user, or replace their role and password");
  add->add_option("NAME", options->name, "User name")->required();
  add->add_option("--role", options->role, "region or municipality:CODE")->required();
  add->add_option("--users", options->users_path, "The users file (created if absent)")->required();
  add->add_flag("--password-stdin", options->password_stdin,
                "Read the password from standard input instead of prompting");
  CLI::App* remove = app->add_subcommand("remove", "Remove a user");
  remove->add_option("NAME", options->name, "User name")->required();
  remove->add_option("--users", options->users_path, "The users file")->required();
  return {app, [options, add] { return add->parsed() ? RunAdd(*options) : RunRemove(*options); }};
}

}  // namespace nara::cli
