// The particle loop of the simulated network: one FIFO queue of (peer, data, call results)
// events; each event is one interpreter invocation on that peer.
#include "air/network.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <unordered_map>

#include "air/json_text.h"
#include "builtins.h"
#include "local_network.h"

namespace air::net {

namespace {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

class InterpreterVm final : public PeerVm {
public:
  explicit InterpreterVm(Limits limits) : interpreter_(limits) {}
  Outcome invoke(std::string_view script, std::string_view prevData, std::string_view currentData,
                 const RunParams &params, const CallResults &callResults) override {
    return interpreter_.invoke(script, prevData, currentData, params, callResults);
  }

private:
  Interpreter interpreter_;
};

// Replaces every occurrence of `from` in `text` with `to`.
void replaceAll(std::string &text, const std::string &from, const std::string &to) {
  if (from.empty()) return;
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
}

// Applies `f` to every string (and object key) inside `v`.
template <typename F> Value mapStrings(const Value &v, const F &f) {
  if (auto s = v.getAsString()) return Value(f(s->str()));
  if (auto *a = v.getAsArray()) {
    Array out;
    for (const Value &item : *a) out.push_back(mapStrings(item, f));
    return Value(std::move(out));
  }
  if (auto *o = v.getAsObject()) {
    Object out;
    for (const auto &entry : *o) out[f(entry.first.str())] = mapStrings(entry.second, f);
    return Value(std::move(out));
  }
  return v;
}

} // namespace

PeerVmFactory defaultVmFactory(Limits limits) {
  return [limits] { return std::make_unique<InterpreterVm>(limits); };
}

std::string Network::peerIdOf(const std::string &name) {
  // A libp2p-looking id derived from the name: deterministic and unlikely to occur in data.
  static const char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  uint64_t h = 1469598103934665603ull;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  std::string id = "12D3KooW";
  for (int i = 0; i < 44; ++i) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 29;
    id += kAlphabet[h % 58];
  }
  return id;
}

struct Network::State {
  Scenario scenario;
  PeerVmFactory factory;
  std::vector<ServiceHandler> handlers;
  std::vector<std::string> names;                   // every peer of the network
  std::unordered_map<std::string, std::string> idOf; // name -> id
  std::unordered_map<std::string, std::string> nameOf; // id -> name
  std::unordered_map<std::string, size_t> sequenceCounters;
  std::unique_ptr<LocalNetwork> local; // Scenario::localNode

  // {{name}} -> id for known names, with the oracle's pattern /\{\{([A-Za-z0-9_\-]+)\}\}/g:
  // a match with an unknown name stays as it is and scanning resumes after it.
  std::string subst(const std::string &text) const {
    auto isNameChar = [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    };
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      if (text.compare(i, 2, "{{") == 0) {
        size_t j = i + 2;
        while (j < text.size() && isNameChar(text[j])) ++j;
        if (j > i + 2 && text.compare(j, 2, "}}") == 0) {
          auto it = idOf.find(text.substr(i + 2, j - i - 2));
          if (it != idOf.end()) out += it->second;
          else out.append(text, i, j + 2 - i);
          i = j + 2;
          continue;
        }
      }
      out += text[i++];
    }
    return out;
  }
  std::string unsubst(std::string text) const {
    for (const auto &[id, name] : nameOf)
      if (text.find(id) != std::string::npos) replaceAll(text, id, "{{" + name + "}}");
    return text;
  }
  Value substValue(const Value &v) const { return mapStrings(v, [this](const std::string &s) { return subst(s); }); }
  Value unsubstValue(const Value &v) const { return mapStrings(v, [this](const std::string &s) { return unsubst(s); }); }

  const ServiceSpec *lookup(const std::string &peer, const std::string &service, const std::string &fn,
                            std::string &key) const {
    const std::string keys[] = {service + "." + fn + "@" + peer, service + "." + fn, service + ".*@" + peer,
                                service + ".*"};
    for (const std::string &k : keys)
      for (const auto &[name, spec] : scenario.services)
        if (name == k) {
          key = k;
          return &spec;
        }
    return nullptr;
  }

  ServiceReply runScripted(const std::string &key, const ServiceSpec &spec, const Array &args) {
    switch (spec.kind) {
    case ServiceSpec::Kind::Sequence: {
      size_t n = ++sequenceCounters[key];
      const ServiceSpec &step = spec.sequence[std::min(n - 1, spec.sequence.size() - 1)];
      return runScripted(key + "#", step, args);
    }
    case ServiceSpec::Kind::Error: return {spec.retCode, spec.value};
    case ServiceSpec::Kind::Echo: return {0, args.size() == 1 ? args[0] : Value(Array(args))};
    case ServiceSpec::Kind::EchoArgs: return {0, Value(Array(args))};
    case ServiceSpec::Kind::Result: return {spec.retCode, spec.value};
    case ServiceSpec::Kind::Noop: return {0, Value(Object{})};
    }
    return {0, Value(Object{})};
  }
};

Network::Network(Scenario scenario, PeerVmFactory factory) : state_(std::make_unique<State>()) {
  state_->scenario = std::move(scenario);
  state_->factory = std::move(factory);
  Scenario &s = state_->scenario;
  auto addName = [&](const std::string &name) {
    if (name.empty() || state_->idOf.count(name)) return;
    state_->names.push_back(name);
    std::string id = peerIdOf(name);
    state_->idOf[name] = id;
    state_->nameOf[id] = name;
  };
  for (const std::string &p : s.peers) addName(p);
  addName(s.initPeer);
  addName(s.relay);
  if (s.localNode) {
    std::vector<std::pair<std::string, std::string>> peers;
    for (const std::string &name : state_->names) peers.emplace_back(name, state_->idOf.at(name));
    state_->local = std::make_unique<LocalNetwork>(peers, s.initPeer);
  }
}

Network::~Network() = default;

void Network::addHandler(ServiceHandler handler) { state_->handlers.push_back(std::move(handler)); }

RunReport Network::run(const std::string &airText) {
  State &st = *state_;
  const Scenario &scn = st.scenario;
  RunReport report;
  const std::string air = st.subst(airText);

  BuiltinContext ctx;
  Value args = st.substValue(Value(Object(scn.args)));
  ctx.args = args.getAsObject();
  ctx.relayId = st.idOf.at(scn.relay.empty() ? scn.initPeer : scn.relay);
  ctx.timestamp = scn.timestamp;
  ctx.local = st.local.get();
  ctx.particleId = scn.particleId;
  ctx.initPeerId = st.idOf.at(scn.initPeer);

  RunParams base;
  base.initPeerId = st.idOf.at(scn.initPeer);
  base.timestamp = scn.timestamp;
  base.ttl = scn.ttl;
  base.particleId = scn.particleId;

  struct Event {
    std::string peer;
    std::string data;
    CallResults callResults;
  };
  std::deque<Event> queue;
  queue.push_back({scn.initPeer, {}, {}});
  std::unordered_map<std::string, std::unique_ptr<PeerVm>> vms;
  std::unordered_map<std::string, std::string> stored;
  std::vector<Value> calls;

  while (!queue.empty()) {
    if (report.invocations >= scn.maxSteps) break;
    Event event = std::move(queue.front());
    queue.pop_front();
    auto &vm = vms[event.peer];
    if (!vm) vm = st.factory();
    RunParams params = base;
    params.currentPeerId = st.idOf.at(event.peer);
    std::string &peerData = stored[event.peer]; // elements of an unordered_map stay put
    auto started = std::chrono::steady_clock::now();
    Outcome outcome = vm->invoke(air, peerData, event.data, params, event.callResults);
    report.invokeMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    ++report.invocations;
    ctx.invocation = report.invocations;
    report.finalRetCode = outcome.retCode;
    report.finalErrorMessage = st.unsubst(outcome.errorMessage);
    JournalEntry invoke;
    invoke.kind = JournalEntry::Kind::Invoke;
    invoke.invocation = report.invocations;
    invoke.peer = event.peer;
    invoke.retCode = outcome.retCode;
    invoke.message = report.finalErrorMessage;
    invoke.dataSize = outcome.data.size();
    report.journal.push_back(std::move(invoke));
    if (outcome.retCode != 0)
      report.errors.push_back(Object{{"kind", "interpreter"}, {"peer", event.peer},
                                     {"invocation", static_cast<int64_t>(report.invocations)},
                                     {"ret_code", outcome.retCode}, {"error_message", report.finalErrorMessage}});

    // Next peers, ordered by peer name (unknown ids last, by id).
    std::vector<std::pair<std::string, std::string>> next; // sort key, id
    for (const std::string &id : outcome.nextPeers) {
      auto it = st.nameOf.find(id);
      next.emplace_back(it != st.nameOf.end() ? it->second : "~" + id, id);
    }
    std::sort(next.begin(), next.end());
    for (const auto &[key, id] : next) {
      auto it = st.nameOf.find(id);
      JournalEntry send;
      send.invocation = report.invocations;
      send.peer = event.peer;
      if (it == st.nameOf.end()) {
        report.droppedNextPeers.push_back(st.unsubst(id));
        send.kind = JournalEntry::Kind::Drop;
        send.target = st.unsubst(id);
      } else {
        queue.push_back({it->second, outcome.data, {}});
        send.kind = JournalEntry::Kind::Send;
        send.target = it->second;
      }
      report.journal.push_back(std::move(send));
    }
    peerData = std::move(outcome.data); // the last use of this invocation's data

    if (outcome.callRequests.empty()) continue;
    CallResults results;
    for (const auto &[id, request] : outcome.callRequests) { // std::map: ordered by call id
      ServiceCall call;
      call.peer = event.peer;
      call.service = request.serviceId;
      call.function = request.functionName;
      call.tetraplets = request.tetraplets;
      Value parsedArgs(nullptr);
      std::string error;
      if (parseJson(request.argumentsJson, parsedArgs, error) && parsedArgs.getAsArray())
        call.args = *parsedArgs.getAsArray();

      Object record{{"peer", event.peer}, {"service", call.service}, {"function", call.function},
                    {"args", Array(call.args)}};
      if (scn.recordTetraplets) {
        Array perArg;
        for (const auto &list : call.tetraplets) {
          Array ts;
          for (const Tetraplet &t : list)
            ts.push_back(Object{{"peer_pk", t.peerPk}, {"service_id", t.serviceId},
                                {"function_name", t.functionName}, {"lens", t.lens}});
          perArg.push_back(std::move(ts));
        }
        record["tetraplets"] = std::move(perArg);
      }
      calls.push_back(Value(std::move(record)));
      report.journal.push_back({JournalEntry::Kind::Call, report.invocations, event.peer, "", call.service,
                                call.function, Value(Array(call.args)), 0, "", 0});

      ServiceReply reply;
      std::string key;
      // On the local network a service created by Srv.create is also found by its aliases, so
      // --services and --service can answer for it by name.
      std::vector<std::string> aliases;
      if (st.local) aliases = st.local->aliasesOf(event.peer, call.service);
      try {
        const ServiceSpec *spec = st.lookup(event.peer, call.service, call.function, key);
        for (size_t i = 0; i < aliases.size() && !spec; ++i)
          spec = st.lookup(event.peer, aliases[i], call.function, key);
        if (spec) {
          reply = st.runScripted(key, *spec, call.args);
          reply.result = st.substValue(reply.result);
        } else {
          std::optional<ServiceReply> handled;
          auto tryHandlers = [&](const ServiceCall &c) {
            for (const ServiceHandler &handler : st.handlers)
              if ((handled = handler(c))) return;
          };
          tryHandlers(call);
          for (size_t i = 0; i < aliases.size() && !handled; ++i) {
            ServiceCall named = call;
            named.service = aliases[i];
            tryHandlers(named);
          }
          if (handled) {
            reply = std::move(*handled);
          } else if (auto value = callBuiltin(ctx, call)) {
            reply = {0, std::move(*value)};
          } else {
            reply = {1, Value("No service found for service call: serviceId='" + call.service + "', fnName='" +
                              call.function + "' args='" + toJsonText(Value(Array(call.args))) + "'")};
          }
        }
      } catch (const ServiceUnavailable &unavailable) {
        reply = {1, Value(std::string(unavailable.what()))};
      } catch (const ServiceFailure &failure) {
        reply = {1, Value("Service call failed. fnName=\"" + call.function + "\" serviceId=\"" + call.service +
                          "\" error: " + failure.what())};
      }
      report.journal.push_back({JournalEntry::Kind::Reply, report.invocations, event.peer, "", call.service,
                                call.function, reply.result, reply.retCode, "", 0});
      results[id] = CallResult{reply.retCode, toJsonText(reply.result)};
    }
    if (scn.singleCallResults) {
      for (auto &[id, result] : results) queue.push_back({event.peer, {}, CallResults{{id, result}}});
    } else {
      queue.push_back({event.peer, {}, std::move(results)});
    }
  }

  report.quiescent = queue.empty();
  for (const auto &[name, data] : stored) report.dataSizes[name] = data.size();
  for (Value &response : ctx.responses) report.responses.push_back(st.unsubstValue(response));
  // errorHandlingSrv reports first, then the interpreter's errors (as the oracle lists them).
  Array errors;
  for (Value &error : ctx.errors) errors.push_back(st.unsubstValue(error));
  for (Value &error : report.errors) errors.push_back(std::move(error));
  report.errors = std::move(errors);
  for (Value &line : ctx.console) report.console.push_back(st.unsubstValue(line));
  std::vector<std::pair<std::string, Value>> sorted;
  for (Value &call : calls) {
    Value clean = st.unsubstValue(call);
    sorted.emplace_back(canonicalText(clean), std::move(clean));
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
  for (auto &[key, call] : sorted) report.calls.push_back(std::move(call));
  for (JournalEntry &entry : report.journal) entry.payload = st.unsubstValue(entry.payload);
  return report;
}

Value RunReport::toJson(bool withTimings) const {
  Object out;
  out["result"] = responses.empty() ? Value(nullptr) : responses.front();
  out["errors"] = Array(errors);
  out["calls"] = Array(calls);
  out["invocations"] = static_cast<int64_t>(invocations);
  out["final_ret_code"] = finalRetCode ? Value(*finalRetCode) : Value(nullptr);
  out["final_error_message"] = finalRetCode ? Value(finalErrorMessage) : Value(nullptr);
  out["quiescent"] = quiescent;
  if (responses.size() > 1) {
    Array all;
    for (const Value &r : responses) all.push_back(r);
    out["responses"] = std::move(all);
  }
  if (!console.empty()) out["console"] = Array(console);
  if (!droppedNextPeers.empty()) {
    Array dropped;
    for (const std::string &d : droppedNextPeers) dropped.push_back(d);
    out["dropped_next_peers"] = std::move(dropped);
  }
  Object sizes;
  for (const auto &[name, size] : dataSizes) sizes[name] = static_cast<int64_t>(size);
  out["data_sizes"] = std::move(sizes);
  if (withTimings) {
    Array timings;
    for (double ms : invokeMs) timings.push_back(ms);
    out["timings_ms"] = std::move(timings);
  }
  return Value(std::move(out));
}

} // namespace air::net
