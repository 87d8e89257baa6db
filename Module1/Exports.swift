// Importing a stage brings in the stages below it: `import Module1` is enough to use
// `Operators`, `Module` and `Parameter` from Module0 as well.
@_exported import Module0
