// External-process services: one child process per call, JSON in on stdin, JSON out on stdout,
// with a time limit so a hanging service cannot hang the run.
#include "air/json_text.h"
#include "air/network.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace air::net {

namespace {

int64_t nowMs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

struct ProcessResult {
  bool started = false;
  bool timedOut = false;
  int status = 0;
  std::string out, err;
};

ProcessResult runProcess(const std::string &command, const std::string &input, unsigned timeoutMs) {
  ProcessResult result;
  int in[2], out[2], err[2];
  if (pipe(in) != 0) return result;
  if (pipe(out) != 0) { close(in[0]); close(in[1]); return result; }
  if (pipe(err) != 0) { close(in[0]); close(in[1]); close(out[0]); close(out[1]); return result; }
  pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    return result;
  }
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    setpgid(0, 0);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  result.started = true;
  close(in[0]);
  close(out[1]);
  close(err[1]);
  signal(SIGPIPE, SIG_IGN);
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  size_t written = 0;
  int stdinFd = in[1];
  if (input.empty()) { close(stdinFd); stdinFd = -1; }
  int64_t deadline = nowMs() + timeoutMs;
  bool outOpen = true, errOpen = true;
  while (outOpen || errOpen) {
    int64_t left = deadline - nowMs();
    if (left <= 0) {
      result.timedOut = true;
      break;
    }
    pollfd fds[3];
    int n = 0;
    if (outOpen) fds[n++] = {out[0], POLLIN, 0};
    if (errOpen) fds[n++] = {err[0], POLLIN, 0};
    if (stdinFd >= 0) fds[n++] = {stdinFd, POLLOUT, 0};
    int ready = poll(fds, n, static_cast<int>(std::min<int64_t>(left, 100)));
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < n; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == stdinFd) {
        ssize_t w = write(stdinFd, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if (w < 0 && errno != EAGAIN) written = input.size();
        if (written >= input.size()) { close(stdinFd); stdinFd = -1; }
        continue;
      }
      char buffer[4096];
      ssize_t r = read(fds[i].fd, buffer, sizeof buffer);
      std::string &sink = fds[i].fd == out[0] ? result.out : result.err;
      if (r > 0 && sink.size() < (64u << 20)) sink.append(buffer, static_cast<size_t>(r));
      else if (r <= 0) (fds[i].fd == out[0] ? outOpen : errOpen) = false;
    }
  }
  if (stdinFd >= 0) close(stdinFd);
  close(out[0]);
  close(err[0]);
  if (result.timedOut) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
  }
  waitpid(pid, &result.status, 0);
  return result;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

} // namespace

ServiceHandler processService(std::string service, std::string command, unsigned timeoutMs) {
  return [service, command, timeoutMs](const ServiceCall &call) -> std::optional<ServiceReply> {
    if (call.service != service) return std::nullopt;
    llvm::json::Object request{{"service", call.service}, {"function", call.function},
                               {"args", llvm::json::Array(call.args)}, {"peer", call.peer}};
    ProcessResult p = runProcess(command, toJsonText(llvm::json::Value(std::move(request))) + "\n", timeoutMs);
    std::string what = "service '" + service + "' (" + command + ")";
    if (!p.started) return ServiceReply{1, llvm::json::Value(what + ": could not start the process")};
    if (p.timedOut)
      return ServiceReply{1, llvm::json::Value(what + ": no answer within " + std::to_string(timeoutMs) + " ms; killed")};
    if (WIFSIGNALED(p.status))
      return ServiceReply{1, llvm::json::Value(what + ": killed by signal " + std::to_string(WTERMSIG(p.status)))};
    int code = WIFEXITED(p.status) ? WEXITSTATUS(p.status) : 1;
    if (code != 0) {
      std::string message = trimmed(p.err);
      return ServiceReply{1, llvm::json::Value(what + ": exit code " + std::to_string(code) +
                                               (message.empty() ? "" : ": " + message))};
    }
    llvm::json::Value value(nullptr);
    std::string error;
    if (!parseJson(trimmed(p.out), value, error))
      return ServiceReply{1, llvm::json::Value(what + ": its output is not JSON (" + error + ")")};
    return ServiceReply{0, std::move(value)};
  };
}

} // namespace air::net
