// Everything a Messaging student file needs comes with this one import: the lab's contract and the runtime.
@_exported import LabKit
