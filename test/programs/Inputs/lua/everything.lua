-- A tour of the language and its standard library, for comparing runs.
local t = {}
for i = 1, 10 do t[#t + 1] = i * i end
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(t[1], t[10], #t)
print(string.format("%5.2f|%-6s|%d|%x|%g", math.pi, ("ab"):rep(2), 1 << 40, 255, 1e300 * 10))
print(7 // 2, 7 % 3, -7 // 2, 2 ^ 10, math.tointeger(3.0), 10 / 4)
print(("hello world from lua"):gsub("(%w+)", "<%1>"))
print(("key=value; other=thing"):match("(%w+)=(%w+)"))
for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do io.write(k, v, " ") end
print()
print(utf8.char(72, 228, 8364), utf8.len("häll€"))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib(24) =", fib(24))
local co = coroutine.wrap(function(a)
    local b = coroutine.yield(a + 1)
    return b * 2
end)
print(co(1), co(10))
print(pcall(error, "boom", 0))
print(select("#", pcall(error, {code = 7})))
local counter = (function() local n = 0 return function() n = n + 1 return n end end)()
counter() counter()
print("closure", counter())
local mt = {__add = function(a, b) return a.v + b.v end, __tostring = function(s) return "V" .. s.v end}
local a, b = setmetatable({v = 2}, mt), setmetatable({v = 3}, mt)
print(a + b, tostring(a))
local big = {}
for i = 1, 20000 do big[i] = tostring(i) end
big = nil
collectgarbage()
print("gc", collectgarbage("count") < 2048)
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("line1\n", 42, "\n", 3.5, "\n")
f:close()
for l in io.lines(name) do io.write("[", l, "]") end
print()
f = assert(io.open(name))
print(f:read("n", "n", "n"), f:seek("end"))
f:close()
print(os.remove(name), io.open(name) == nil)
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.time() > 1600000000)
print(pcall(require, "nosuchmodule") == false)
print(#arg, arg[0] ~= nil, ...)
io.stdout:write("done\n")
os.exit(3)
