/// What a request is trying to get from the model; decides which prompt bank its text comes from.
///
/// Several kinds deliberately share cues: benchmark reasoning prompts from evaluation harnesses say
/// "think step by step" just like chain-of-thought elicitation does, so no text rule separates them alone.
enum PromptKind: Int, CaseIterable, Sendable {
    case casualChat
    case coding
    case agenticTool
    case dataAnalysis
    case vision
    case cotElicitation
    case rubricGrading
    case censorshipRewrite
    case reasoningTrace
    case benchmarkReasoning
    case syntheticTemplate
    case batchTemplate
    case securityProbe
}
