import { describe, expect, it } from "vitest";
import { REVIEWS, RULE_BASED_MODEL, classifySentiment, wordTokens } from "./rule-based-sentiment";

describe("the word-level tokenizer", () => {
  it("splits words, numbers and each punctuation mark, keeping contractions and grouped digits whole", () => {
    expect(wordTokens("It isn't slow: 50,000 runs load in 1.5 s!")).toEqual([
      "It",
      "isn't",
      "slow",
      ":",
      "50,000",
      "runs",
      "load",
      "in",
      "1.5",
      "s",
      "!",
    ]);
    expect(wordTokens("   ")).toEqual([]);
  });
});

describe("the rule-based sentiment classifier", () => {
  it("scores sentiment words, with a negation flipping the word after it", () => {
    expect(classifySentiment("Great and fast.").label).toBe("positive");
    expect(classifySentiment("Slow and confusing.").label).toBe("negative");
    expect(classifySentiment("Not bad at all.").label).toBe("positive");
    expect(classifySentiment("It is not reliable.").label).toBe("negative");
  });

  it("answers with usage counted from its input's tokens and its label's", () => {
    const response = classifySentiment("The charts are clear.");
    expect(response).toEqual({
      model: RULE_BASED_MODEL,
      label: "positive",
      usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
    });
  });

  it("gets 14 of the 16 demo reviews right: sarcasm and a review without sentiment words defeat it", () => {
    const wrong = REVIEWS.filter((review) => classifySentiment(review.text).label !== review.label);
    expect(wrong.map((review) => review.text)).toEqual([
      "Oh great, another release that crashes on start. Great.",
      "The tooltips overlap the legend on small screens.",
    ]);
  });
});
