-- OO method calls: a Richards-style operating system task scheduler.
-- Tasks (idle, worker, two handlers, two devices) exchange packets through
-- a scheduler; every step is a method call through a metatable.
local ID_IDLE, ID_WORKER, ID_HANDLER_A, ID_HANDLER_B, ID_DEVICE_A, ID_DEVICE_B = 1, 2, 3, 4, 5, 6
local KIND_DEVICE, KIND_WORK = 0, 1
local DATA_SIZE = 4

local Packet = {}
Packet.__index = Packet
function Packet.new(link, id, kind)
  local p = setmetatable({ link = link, id = id, kind = kind, a1 = 0, a2 = {} }, Packet)
  for i = 1, DATA_SIZE do p.a2[i] = 0 end
  return p
end
function Packet:addTo(queue)
  self.link = nil
  if queue == nil then return self end
  local next = queue
  while next.link do next = next.link end
  next.link = self
  return queue
end

local Task = {}
Task.__index = Task
function Task.new(sched, id, priority, queue, fn, state)
  local t = setmetatable({
    sched = sched, id = id, priority = priority, queue = queue, fn = fn,
    state = state, packetPending = queue ~= nil, waiting = false, held = false,
  }, Task)
  return t
end
function Task:isHeldOrSuspended()
  return self.held or (self.waiting and not self.packetPending)
end
function Task:checkPriorityAdd(task, packet)
  if self.queue == nil then
    self.queue = packet
    self.packetPending = true
    if self.priority > task.priority then return self end
  else
    self.queue = packet:addTo(self.queue)
  end
  return task
end
function Task:run()
  local packet
  if self.waiting and self.queue then
    packet = self.queue
    self.queue = packet.link
    self.packetPending = self.queue ~= nil
    self.waiting = false
  end
  return self.fn(self, packet)
end

local Scheduler = {}
Scheduler.__index = Scheduler
function Scheduler.new()
  return setmetatable({ queueCount = 0, holdCount = 0, tasks = {}, list = nil, current = nil }, Scheduler)
end
function Scheduler:addTask(id, priority, queue, fn, state)
  local t = Task.new(self, id, priority, queue, fn, state)
  t.link = self.list
  self.list = t
  self.tasks[id] = t
  self.current = t
end
function Scheduler:schedule()
  self.current = self.list
  while self.current do
    local c = self.current
    if c:isHeldOrSuspended() then
      self.current = c.link
    else
      self.current = c:run()
    end
  end
end
function Scheduler:release(id)
  local t = self.tasks[id]
  t.held = false
  if t.priority > self.current.priority then return t end
  return self.current
end
function Scheduler:holdCurrent()
  self.holdCount = self.holdCount + 1
  self.current.held = true
  return self.current.link
end
function Scheduler:suspendCurrent()
  self.current.waiting = true
  return self.current
end
function Scheduler:queue(packet)
  local t = self.tasks[packet.id]
  self.queueCount = self.queueCount + 1
  packet.link = nil
  packet.id = self.current.id
  return t:checkPriorityAdd(self.current, packet)
end

local function idleFn(task, packet)
  local s, sched = task.state, task.sched
  s.count = s.count - 1
  if s.count == 0 then return sched:holdCurrent() end
  if s.v1 % 2 == 0 then
    s.v1 = s.v1 / 2
    return sched:release(ID_DEVICE_A)
  end
  s.v1 = (s.v1 - 1) / 2 + 0xD008
  return sched:release(ID_DEVICE_B)
end
local function workerFn(task, packet)
  local s, sched = task.state, task.sched
  if packet == nil then return sched:suspendCurrent() end
  s.v1 = (s.v1 == ID_HANDLER_A) and ID_HANDLER_B or ID_HANDLER_A
  packet.id = s.v1
  packet.a1 = 0
  for i = 1, DATA_SIZE do
    s.v2 = s.v2 + 1
    if s.v2 > 26 then s.v2 = 1 end
    packet.a2[i] = s.v2
  end
  return sched:queue(packet)
end
local function handlerFn(task, packet)
  local s, sched = task.state, task.sched
  if packet then
    if packet.kind == KIND_WORK then s.v1 = packet:addTo(s.v1)
    else s.v2 = packet:addTo(s.v2) end
  end
  if s.v1 then
    local count = s.v1.a1 + 1
    if count > DATA_SIZE then
      local v = s.v1
      s.v1 = v.link
      return sched:queue(v)
    end
    if s.v2 then
      local v = s.v2
      s.v2 = v.link
      v.a1 = s.v1.a2[count]
      s.v1.a1 = count
      return sched:queue(v)
    end
  end
  return sched:suspendCurrent()
end
local function deviceFn(task, packet)
  local s, sched = task.state, task.sched
  if packet == nil then
    if s.v1 == nil then return sched:suspendCurrent() end
    local v = s.v1
    s.v1 = nil
    return sched:queue(v)
  end
  s.v1 = packet
  return sched:holdCurrent()
end

local function runRichards(count)
  local sched = Scheduler.new()
  sched:addTask(ID_IDLE, 0, nil, idleFn, { v1 = 1, count = count })
  local q = Packet.new(nil, ID_WORKER, KIND_WORK)
  q = Packet.new(q, ID_WORKER, KIND_WORK)
  sched:addTask(ID_WORKER, 1000, q, workerFn, { v1 = ID_HANDLER_A, v2 = 0 })
  q = Packet.new(nil, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  sched:addTask(ID_HANDLER_A, 2000, q, handlerFn, {})
  q = Packet.new(nil, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  sched:addTask(ID_HANDLER_B, 3000, q, handlerFn, {})
  sched:addTask(ID_DEVICE_A, 4000, nil, deviceFn, {})
  sched:addTask(ID_DEVICE_B, 5000, nil, deviceFn, {})
  -- All tasks start runnable except the devices, which wait for packets.
  for id = ID_IDLE, ID_DEVICE_B do
    local t = sched.tasks[id]
    if id >= ID_DEVICE_A then t.waiting = true end
    if id == ID_WORKER or id == ID_HANDLER_A or id == ID_HANDLER_B then t.waiting = true end
  end
  sched:schedule()
  return sched.queueCount, sched.holdCount
end

local n = tonumber(arg and arg[1]) or 30
local qc, hc = 0, 0
for i = 1, n do
  local a, b = runRichards(10000)
  qc, hc = qc + a, hc + b
end
print(qc, hc)
