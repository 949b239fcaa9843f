// Vitest setup file for every package's suites: see checkEveryAnswerAgainstOpenApi.
import { checkEveryAnswerAgainstOpenApi } from "./openApiConformance.js";

checkEveryAnswerAgainstOpenApi();
