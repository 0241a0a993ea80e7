import LabRunnerCLI
import Testing
